namespace CtcAlign.LongForm;

/// <summary>
/// The frames around one placed chunk where the model hears a letter: the frames whose best token is a letter (neither
/// blank nor the word delimiter), as their start times (media seconds, ascending), each lasting
/// <paramref name="FrameSeconds"/>. Recorded while the chunk's emissions are still buffered, so the line's silences can
/// be measured once its final times are known (<see cref="Silence"/>: p_correct's silence_longest and silence_edge in
/// <see cref="LineEvidence"/>): a line stretched over a pause, a music break or the silence before speech has a long
/// stretch without letters inside it or at its edge; a line placed on its own speech has short ones.
/// </summary>
public sealed record LetterFrames(double FrameSeconds, IReadOnlyList<double> Starts)
{
    /// <summary>Overlap (seconds) below which a frame only touches the span (rounding of frame times).</summary>
    private const double Touch = 1e-9;

    /// <summary>The letter frames of the chunks of one line; null when a chunk has none recorded.</summary>
    public static LetterFrames? Join(IEnumerable<LetterFrames?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToArray();
        if (list.Length == 0 || list.Any(p => p is null))
            return null;
        var starts = list.SelectMany(p => p!.Starts).Distinct().Order().ToArray();
        return new LetterFrames(list[0]!.FrameSeconds, starts);
    }

    /// <summary>
    /// The silences inside <c>[start, end)</c>: Longest, the longest stretch no letter frame covers; Edge, the longer of the
    /// stretches from <paramref name="start"/> to the first letter frame and from the last one to <paramref name="end"/>
    /// (both the whole span when no letter frame lies in it; 0 for an empty span).
    /// </summary>
    public (double Longest, double Edge) Silence(double start, double end)
    {
        if (!(end > start))
            return (0, 0);
        var cursor = start;
        var longest = 0.0;
        double? lead = null;
        foreach (var t in Starts)
        {
            var a = Math.Max(t, start);
            var b = Math.Min(t + FrameSeconds, end);
            if (b - a <= Touch)
                continue; // outside the span, or only touching its edge
            var gap = Math.Max(0, a - cursor);
            lead ??= gap;
            longest = Math.Max(longest, gap);
            cursor = Math.Max(cursor, b);
        }
        var trail = Math.Max(0, end - cursor);
        longest = Math.Max(longest, trail);
        return (longest, Math.Max(lead ?? end - start, trail));
    }
}
