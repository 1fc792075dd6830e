namespace CtcAlign.Decoding;

/// <summary>Word error rate: word-level Levenshtein distance (substitutions + deletions + insertions) over reference words.</summary>
public static class WordErrorRate
{
    /// <summary>Errors of <paramref name="hypothesis"/> against <paramref name="reference"/>; words compare ignoring case by default.</summary>
    public static WordErrorCount Count(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis, bool ignoreCase = true)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var previous = new int[hypothesis.Count + 1];
        var current = new int[hypothesis.Count + 1];
        for (var j = 0; j <= hypothesis.Count; j++)
            previous[j] = j;
        for (var i = 1; i <= reference.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(reference[i - 1], hypothesis[j - 1], comparison) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return new WordErrorCount(previous[hypothesis.Count], reference.Count);
    }

    /// <summary>WER of two texts split on whitespace.</summary>
    public static double Compute(string reference, string hypothesis) => Count(Words(reference), Words(hypothesis)).Rate;

    /// <summary>
    /// Caption-vs-audio check: the caption's normalised words (as the aligner spells them) against what the model
    /// heard, compared ignoring case.
    /// </summary>
    public static WordErrorCount OfCaption(IReadOnlyList<string> normalizedCaptionWords, DecodedHypothesis hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        return Count(normalizedCaptionWords, hypothesis.Words.Select(w => w.Word).ToArray());
    }

    /// <summary>Splits a text into words on whitespace.</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
