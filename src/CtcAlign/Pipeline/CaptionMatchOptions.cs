namespace CtcAlign.Pipeline;

/// <summary>
/// The check that a file's captions belong to its audio (<see cref="CaptionMatchCheck"/>): in each part of the file (the first
/// <see cref="LookSeconds"/>, one around the middle, the last, and one more every <see cref="PartEverySeconds"/> in long files)
/// the stretches with the most speech, and the score below which a part's captions do not match.
/// </summary>
public sealed record CaptionMatchOptions
{
    /// <summary>Run the check at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Align a file whose captions do not match anyway (its aligned lines become low_confidence).</summary>
    public bool AlignMismatched { get; init; }

    /// <summary>How much audio one part of the file is (the first part starts the file; all of it when the file is shorter).</summary>
    public double LookSeconds { get; init; } = 180;

    /// <summary>
    /// Files longer than three parts get a part at the start, one ending the file and evenly spaced ones between: at least one
    /// around the middle, and one per this many seconds of audio, so the check reads a fixed share of a long file.
    /// </summary>
    public double PartEverySeconds { get; init; } = 900;

    /// <summary>Length of one stretch compared with the caption text around it.</summary>
    public double StretchSeconds { get; init; } = 15;

    /// <summary>How many stretches (those with the most speech) are compared: 12 of 15 s cover a whole 3-minute part.</summary>
    public int Stretches { get; init; } = 12;

    /// <summary>A stretch with fewer frames where the model hears a token is music or silence and not compared.</summary>
    public int MinSpeechFrames { get; init; } = 40;

    /// <summary>Caption text this many seconds either side of a stretch (by the caption times) may be what it says.</summary>
    public double TextMarginSeconds { get; init; } = 30;

    /// <summary>
    /// Captions match when their score (nats per speech frame, text path minus the text-free baseline, pooled over the
    /// stretches) beats the same words in reverse order by at least this much: spoken text explains its audio better than its
    /// words in another order; text that is not spoken there no better, whatever it is (about 0 for another programme's
    /// captions or random words). Chosen on the tuning programmes of <c>tools/eval/caption-match.sh</c> (TUNE=1: own captions
    /// 0.25 and more with the default model on real speech, others' captions at most 0.14); see the README.
    /// </summary>
    public double MinMargin { get; init; } = 0.15;
}
