namespace CtcAlign.Alignment;

/// <summary>Options of <see cref="CtcSegmenter"/>; defaults match the reference ctc-segmentation tool (1.7).</summary>
public sealed record CtcSegmentationOptions
{
    /// <summary>Frames computed per column at first (the reference's min_window_size).</summary>
    public int MinWindowFrames { get; init; } = 8000;

    /// <summary>The window doubles after a failed backtrack while it stays below this (max_window_size).</summary>
    public int MaxWindowFrames { get; init; } = 100_000;

    /// <summary>L, the frames of the sliding window whose worst mean gives rho (score_min_mean_over_L).</summary>
    public int ScoreWindowFrames { get; init; } = 30;

    /// <summary>An utterance starts at most this long before its first character and ends at most this long after its last.</summary>
    public double BoundaryMarginSeconds { get; init; } = 0.5;

    /// <summary>Backtrack from the last frame instead of the best frame of the last column (backtrack_from_max_t).</summary>
    public bool BacktrackFromLastFrame { get; init; }

    /// <summary>
    /// Star token (ALGORITHMS.md section 5): when set, the columns between utterances also accept a "star" with this
    /// constant log-probability, so audio nobody transcribed (music, other speech) between lines costs at most this
    /// per frame instead of being forced into a neighbouring line. Null (default) is the reference behaviour.
    /// </summary>
    public float? StarLogProb { get; init; }

    /// <summary>
    /// With a star: the audio before the first utterance costs what audio between utterances costs (max(blank, star)
    /// per frame) instead of nothing. With a free start, the first utterance is pulled across a long stretch of music
    /// or silence towards the next one, skipping its own speech at the start for free. Ignored without a star.
    /// </summary>
    public bool StarBeforeFirst { get; init; }

    public static CtcSegmentationOptions Default { get; } = new();
}
