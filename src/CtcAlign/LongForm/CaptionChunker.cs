using CtcAlign.Formats;

namespace CtcAlign.LongForm;

/// <summary>Splits caption lines into chunks of at most N whitespace-separated words and tokenises each chunk.</summary>
public static class CaptionChunker
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\u00A0'];

    /// <summary>
    /// Chunks of one line, in order. A line with no speakable text (no tokens after normalisation) gives no chunks.
    /// </summary>
    public static IReadOnlyList<TextChunk> Split(CaptionLine line, int lineIndex, int chunkWords, CaptionTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkWords);

        var words = line.Text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        var texts = new List<TokenizedText>();
        for (var first = 0; first < words.Length; first += chunkWords)
        {
            var chunkText = string.Join(' ', words, first, Math.Min(chunkWords, words.Length - first));
            var tokenized = tokenizer(chunkText);
            if (tokenized.TokenIds.Length != tokenized.WordOfToken.Length)
                throw new ArgumentException(
                    $"Tokenizer gave {tokenized.TokenIds.Length} tokens but {tokenized.WordOfToken.Length} word links for \"{chunkText}\".");
            if (tokenized.TokenIds.Length > 0)
                texts.Add(tokenized);
        }
        return texts.Select((t, i) => new TextChunk(lineIndex, i, texts.Count, t)).ToArray();
    }
}
