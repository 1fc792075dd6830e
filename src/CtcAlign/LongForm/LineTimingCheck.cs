using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Checks a placed line's internal consistency from its word times and scores: a long pause between two words, words
/// the model did not hear (low mean word log-probability), or a slow character rate mean the line's text does not
/// match the speech it was given (typically uncaptioned speech swallowed, or a caption that was never spoken: rho
/// alone can look acceptable then, because ctc-segmentation spreads such text over silence cheaply). After a long
/// pause the line is trimmed to its largest word cluster (most characters).
/// </summary>
public static class LineTimingCheck
{
    /// <summary>Which check failed, if any (the first that failed, in the order pause, words heard, rate).</summary>
    public enum Failure
    {
        None,
        Pause,
        NotHeard,
        SlowSpeech,
    }

    /// <summary>The check's outcome: the kept span <c>[Start, End)</c> in seconds, and a note when the timing is suspect.</summary>
    public readonly record struct Result(double Start, double End, string? Problem, Failure Failed = Failure.None)
    {
        public bool Passed => Problem is null;
    }

    public static Result Check(IReadOnlyList<AlignedWord> words, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(options);
        if (words.Count == 0)
            throw new ArgumentException("A line needs at least one word to check its timing.", nameof(words));

        var clusterStart = 0;
        int bestStart = 0, bestEnd = words.Count, bestChars = -1;
        double longestPause = 0;
        for (var i = 1; i <= words.Count; i++)
        {
            var pause = i < words.Count ? words[i].Start - words[i - 1].End : double.PositiveInfinity;
            if (i < words.Count)
                longestPause = Math.Max(longestPause, pause);
            if (pause <= options.MaxPauseInLineSeconds)
                continue;
            var chars = 0;
            for (var k = clusterStart; k < i; k++)
                chars += words[k].Word.Length;
            if (chars > bestChars)
                (bestStart, bestEnd, bestChars) = (clusterStart, i, chars);
            clusterStart = i;
        }

        if (longestPause > options.MaxPauseInLineSeconds)
        {
            return new Result(words[bestStart].Start, words[bestEnd - 1].End,
                $"pause of {longestPause:0.0} s inside the line; times cover words {bestStart + 1}-{bestEnd} of {words.Count}", Failure.Pause);
        }

        var (keptStart, keptEnd) = WithoutStrayEdgeWords(words, options);
        var wordScore = words.Average(w => Math.Log(Math.Max(w.Confidence, 1e-30)));
        if (wordScore < options.MinWordScore)
            return new Result(keptStart, keptEnd,
                $"words not heard: mean word log-probability {wordScore:0.00}, below {options.MinWordScore:0.##}", Failure.NotHeard);

        var start = words[0].Start;
        var end = words[^1].End;
        var characters = words.Sum(w => w.Word.Length) + words.Count - 1;
        var rate = characters / Math.Max(end - start, 1e-9);
        if (characters >= options.MinCharactersForRateCheck && rate < options.MinCharactersPerSecond)
            return new Result(keptStart, keptEnd, $"slow speech: {rate:0.0} characters/s inside the line", Failure.SlowSpeech);
        return new Result(keptStart, keptEnd, null);
    }

    /// <summary>
    /// The line's span without a first or last word that stands more than <see cref="IpfaOptions.StrayEdgeWordGapSeconds"/>
    /// apart from the rest (lines of three words or more): a word the captioner added ("... prohibited. very") has no
    /// speech of its own next to the line, so the word aligner put it on a matching letter in the audio around it.
    /// </summary>
    public static (double Start, double End) WithoutStrayEdgeWords(IReadOnlyList<AlignedWord> words, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(options);
        if (words.Count == 0)
            throw new ArgumentException("A line needs at least one word.", nameof(words));
        var start = words[0].Start;
        var end = words[^1].End;
        if (words.Count >= 3 && options.StrayEdgeWordGapSeconds is { } gap)
        {
            if (words[^1].Start - words[^2].End > gap)
                end = words[^2].End;
            if (words[1].Start - words[0].End > gap)
                start = words[1].Start;
        }
        return (start, end);
    }
}
