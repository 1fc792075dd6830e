using System.Text.Json;

namespace CtcAlign.Text;

/// <summary>
/// The output tokens of a CTC model, in column order: which one is the blank, which one separates words
/// ("|" in wav2vec2 vocabularies, or " "), and whether letters are upper or lower case.
/// </summary>
public sealed class Vocabulary
{
    private static readonly string[] BlankNames = ["<blank>", "<pad>", "<b>", "_", "<eps>", "<ctc_blank>"];
    private static readonly string[] DelimiterNames = ["|", " ", "<space>", "▁"];

    private readonly Dictionary<string, int> _index;

    public Vocabulary(IReadOnlyList<string> tokens, int blankIndex, int? wordDelimiterIndex)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < 2)
            throw new ArgumentException($"A vocabulary needs at least a blank and one token; got {tokens.Count}.", nameof(tokens));
        if (blankIndex < 0 || blankIndex >= tokens.Count)
            throw new ArgumentOutOfRangeException(nameof(blankIndex), $"Blank index {blankIndex} is outside the {tokens.Count} tokens.");
        if (wordDelimiterIndex is { } d && (d < 0 || d >= tokens.Count || d == blankIndex))
            throw new ArgumentOutOfRangeException(nameof(wordDelimiterIndex), $"Word delimiter index {d} is not a valid non-blank token.");

        Tokens = tokens.ToArray();
        BlankIndex = blankIndex;
        WordDelimiterIndex = wordDelimiterIndex;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Tokens.Count; i++)
            _index.TryAdd(Tokens[i], i);

        var letters = Tokens.Where(t => t.Length == 1 && char.IsLetter(t[0])).ToArray();
        IsUpperCase = letters.Length > 0 && letters.Count(t => char.IsUpper(t[0])) > letters.Length / 2;
    }

    public IReadOnlyList<string> Tokens { get; }

    public int Count => Tokens.Count;

    public int BlankIndex { get; }

    /// <summary>Token that marks a word boundary, or null when the model has none.</summary>
    public int? WordDelimiterIndex { get; }

    /// <summary>True when the model spells with upper-case letters (wav2vec2 English), false for lower case.</summary>
    public bool IsUpperCase { get; }

    public string this[int index] => Tokens[index];

    public bool TryGetIndex(string token, out int index) => _index.TryGetValue(token, out index);

    public bool Contains(string token) => _index.ContainsKey(token);

    /// <summary>
    /// Reads a wav2vec2-style <c>vocab.json</c> (token to index). The blank is <paramref name="blankToken"/> when given,
    /// else the first of &lt;blank&gt;, &lt;pad&gt;, _ found; the delimiter is "|" or " " when present.
    /// </summary>
    public static Vocabulary FromVocabJson(string json, string? blankToken = null, string? wordDelimiterToken = null)
    {
        Dictionary<string, int>? map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, int>>(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"vocab.json is not a JSON object of token to index: {ex.Message}", ex);
        }
        if (map is null || map.Count == 0)
            throw new FormatException("vocab.json is empty.");

        var size = map.Values.Max() + 1;
        var tokens = new string?[size];
        foreach (var (token, index) in map)
        {
            if (index < 0)
                throw new FormatException($"vocab.json gives token '{token}' the negative index {index}.");
            if (tokens[index] is not null)
                throw new FormatException($"vocab.json gives index {index} to both '{tokens[index]}' and '{token}'.");
            tokens[index] = token;
        }
        var missing = Array.IndexOf(tokens, null);
        if (missing >= 0)
            throw new FormatException($"vocab.json has no token at index {missing}; indices must run 0..{size - 1}.");
        return FromTokens(tokens!, blankToken, wordDelimiterToken);
    }

    /// <summary>Reads a plain token list: one token per line, line number = index; a line "&lt;space&gt;" or a single space is the delimiter.</summary>
    public static Vocabulary FromTokenList(IEnumerable<string> lines, string? blankToken = null, string? wordDelimiterToken = null)
    {
        var tokens = lines.Select(l => l.TrimEnd('\r')).ToList();
        while (tokens.Count > 0 && tokens[^1].Length == 0)
            tokens.RemoveAt(tokens.Count - 1);
        return FromTokens(tokens, blankToken, wordDelimiterToken);
    }

    /// <summary>Builds a vocabulary from tokens in column order, finding blank and delimiter by name.</summary>
    public static Vocabulary FromTokens(IReadOnlyList<string> tokens, string? blankToken = null, string? wordDelimiterToken = null)
    {
        int blank;
        if (blankToken is not null)
        {
            blank = IndexOfToken(tokens, blankToken);
            if (blank < 0)
                throw new FormatException($"Blank token '{blankToken}' is not in the vocabulary.");
        }
        else
        {
            blank = BlankNames.Select(n => IndexOfToken(tokens, n)).FirstOrDefault(i => i >= 0, -1);
            if (blank < 0)
                throw new FormatException($"No blank token found (looked for {string.Join(", ", BlankNames)}); name it explicitly.");
        }

        int? delimiter = null;
        if (wordDelimiterToken is not null)
        {
            var d = IndexOfToken(tokens, wordDelimiterToken);
            if (d < 0)
                throw new FormatException($"Word delimiter '{wordDelimiterToken}' is not in the vocabulary.");
            delimiter = d;
        }
        else
        {
            var d = DelimiterNames.Select(n => IndexOfToken(tokens, n)).FirstOrDefault(i => i >= 0, -1);
            if (d >= 0 && d != blank)
                delimiter = d;
        }
        return new Vocabulary(tokens, blank, delimiter);
    }

    private static int IndexOfToken(IReadOnlyList<string> tokens, string token)
    {
        for (var i = 0; i < tokens.Count; i++)
            if (tokens[i] == token)
                return i;
        return -1;
    }
}
