namespace CtcAlign.Alignment;

/// <summary>Moves raw word spans to better estimates of true word boundaries; pure, in frame units.</summary>
public static class WordBoundaryRefiner
{
    /// <summary>
    /// Refined <c>[Start, End)</c> of each word, in (fractional) frames, for words in time order lying inside
    /// frames <c>[rangeStartFrame, rangeEndFrame)</c>. Words never overlap and never leave the range.
    /// </summary>
    public static (double Start, double End)[] Refine(IReadOnlyList<WordSpan> words, int rangeStartFrame, int rangeEndFrame,
        double frameSeconds, WordBoundaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSeconds);
        var o = options ?? WordBoundaryOptions.Default;
        var result = new (double Start, double End)[words.Count];
        double previousEnd = rangeStartFrame;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            double start = Math.Max(Math.Max(w.StartFrame - o.StartEarlyFrames, previousEnd), rangeStartFrame);
            double end;
            if (i + 1 < words.Count)
            {
                var nextStart = words[i + 1].StartFrame;
                var gap = nextStart - w.EndFrame;
                end = gap * frameSeconds <= o.MidpointMaxGapSeconds
                    ? w.EndFrame + Math.Max(0, gap) / 2.0
                    : Math.Min(w.EndFrame + o.EndLateFrames, nextStart - o.StartEarlyFrames);
            }
            else
                end = Math.Min(w.EndFrame + o.EndLateFrames, rangeEndFrame);
            end = Math.Max(end, Math.Max(w.EndFrame, start));
            result[i] = (start, end);
            previousEnd = end;
        }
        return result;
    }
}
