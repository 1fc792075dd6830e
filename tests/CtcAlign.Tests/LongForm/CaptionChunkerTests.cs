using CtcAlign.Formats;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class CaptionChunkerTests
{
    [Fact]
    public void Splits_a_long_line_into_chunks_of_at_most_n_words()
    {
        var text = string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{(char)('a' + i % 26)}"));
        var chunks = CaptionChunker.Split(new CaptionLine(7, text), 3, 24, LetterModel.Tokenize);

        Assert.Equal([24, 24, 2], chunks.Select(c => c.Text.Words.Count));
        Assert.All(chunks, c => Assert.Equal((3, 3), (c.LineIndex, c.ChunkCount)));
        Assert.Equal([0, 1, 2], chunks.Select(c => c.ChunkIndex));
    }

    [Fact]
    public void A_line_without_speakable_text_has_no_chunks()
    {
        Assert.Empty(CaptionChunker.Split(new CaptionLine(0, "♪ ♪ --"), 0, 24, LetterModel.Tokenize));
    }
}
