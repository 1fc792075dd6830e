namespace CtcAlign.Text;

/// <summary>
/// A caption line as model tokens, with every token linked back to the caption word it came from.
/// Caption words are the original text split on whitespace ("Dr.", "1995,"); a word that yields no tokens
/// (a lone "-") keeps its index but owns no tokens. Word delimiter tokens between spoken words belong to no
/// caption word (index -1).
/// </summary>
public sealed class NormalizedText
{
    public NormalizedText(string original, IReadOnlyList<string> captionWords, IReadOnlyList<SpokenWord> spokenWords,
        int[] tokenIds, int[] tokenCaptionWords, IReadOnlyList<string> warnings)
        : this(original, captionWords, spokenWords, tokenIds, tokenCaptionWords, warnings, string.Join(' ', spokenWords.Select(w => w.Text)), [])
    {
    }

    /// <param name="text">The spoken form with <see cref="TextNormalizer.UnalignableMarker"/> where an unalignable word is.</param>
    /// <param name="unalignableCaptionWords">Caption words with a spoken word the model cannot spell, in order.</param>
    public NormalizedText(string original, IReadOnlyList<string> captionWords, IReadOnlyList<SpokenWord> spokenWords,
        int[] tokenIds, int[] tokenCaptionWords, IReadOnlyList<string> warnings, string text, IReadOnlyList<int> unalignableCaptionWords)
    {
        if (tokenIds.Length != tokenCaptionWords.Length)
            throw new ArgumentException($"{tokenIds.Length} tokens but {tokenCaptionWords.Length} word links.", nameof(tokenCaptionWords));
        Original = original;
        CaptionWords = captionWords;
        SpokenWords = spokenWords;
        TokenIds = tokenIds;
        TokenCaptionWords = tokenCaptionWords;
        Warnings = warnings;
        Text = text;
        UnalignableCaptionWords = unalignableCaptionWords;
    }

    /// <summary>The caption text as given.</summary>
    public string Original { get; }

    /// <summary>The caption text split on whitespace, as written.</summary>
    public IReadOnlyList<string> CaptionWords { get; }

    /// <summary>Spoken words in order, each with its caption word and token range.</summary>
    public IReadOnlyList<SpokenWord> SpokenWords { get; }

    /// <summary>Model token ids (vocabulary columns), delimiters included, never the blank.</summary>
    public int[] TokenIds { get; }

    /// <summary>For each token, the index of its caption word, or -1 for a word delimiter.</summary>
    public int[] TokenCaptionWords { get; }

    /// <summary>Characters dropped or replaced, one sentence each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public int TokenCount => TokenIds.Length;

    /// <summary>
    /// The spoken form as the model spells it, words separated by single spaces ("doctor smith in nineteen ninety five",
    /// "ca va tres bien"), with <see cref="TextNormalizer.UnalignableMarker"/> in place of each word it cannot spell.
    /// </summary>
    public string Text { get; }

    /// <summary>Caption words holding a spoken word the model cannot spell (they own no tokens), in order.</summary>
    public IReadOnlyList<int> UnalignableCaptionWords { get; }

    /// <summary>Token range <c>[Start, End)</c> of one caption word (all its spoken words), or null when it has no tokens.</summary>
    public (int Start, int End)? TokenRangeOf(int captionWordIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(captionWordIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(captionWordIndex, CaptionWords.Count);
        int start = -1, end = -1;
        foreach (var w in SpokenWords)
        {
            if (w.CaptionWordIndex != captionWordIndex)
                continue;
            if (start < 0)
                start = w.TokenStart;
            end = w.TokenEnd;
        }
        return start < 0 ? null : (start, end);
    }

    /// <summary>
    /// Caption words that own at least one token of <c>[tokenStart, tokenEnd)</c>, as an inclusive index range,
    /// or null when the span holds only delimiters.
    /// </summary>
    public (int First, int Last)? CaptionWordsOf(int tokenStart, int tokenEnd)
    {
        if (tokenStart < 0 || tokenEnd > TokenIds.Length || tokenStart > tokenEnd)
            throw new ArgumentOutOfRangeException(nameof(tokenStart), $"Token span [{tokenStart}, {tokenEnd}) is outside the {TokenIds.Length} tokens.");
        int first = -1, last = -1;
        for (var i = tokenStart; i < tokenEnd; i++)
        {
            var w = TokenCaptionWords[i];
            if (w < 0)
                continue;
            if (first < 0)
                first = w;
            last = w;
        }
        return first < 0 ? null : (first, last);
    }

    /// <summary>Caption words that own tokens, each with its token range <c>[Start, End)</c>, in order.</summary>
    public IReadOnlyList<(int CaptionWordIndex, int Start, int End)> CaptionWordTokenRanges()
    {
        var list = new List<(int, int, int)>();
        foreach (var w in SpokenWords)
        {
            if (list.Count > 0 && list[^1].Item1 == w.CaptionWordIndex)
                list[^1] = (w.CaptionWordIndex, list[^1].Item2, w.TokenEnd);
            else
                list.Add((w.CaptionWordIndex, w.TokenStart, w.TokenEnd));
        }
        return list;
    }
}
