using CtcAlign.Decoding;
using CtcAlign.Text;

namespace CtcAlign.Tests.Decoding;

public class GreedyDecoderTests
{
    [Fact]
    public void DecodesTextAndWordTimes()
    {
        var e = DecodingFixtures.Spell("-aa-b--  c-c-", DecodingFixtures.Letters, startSeconds: 10);
        var h = GreedyDecoder.Decode(e, DecodingFixtures.Letters);
        Assert.Equal("ab cc", h.Text);
        Assert.Equal(2, h.Words.Count);
        Assert.Equal("ab", h.Words[0].Word);
        Assert.Equal(10.02, h.Words[0].Start, 9);
        Assert.Equal(10.10, h.Words[0].End, 9);
        Assert.Equal("cc", h.Words[1].Word);
        Assert.Equal(10.18, h.Words[1].Start, 9);
        Assert.Equal(10.24, h.Words[1].End, 9);
        Assert.Equal(0.9, h.Words[0].Confidence, 5);
        Assert.Equal(13 * Math.Log(0.9), h.LogProbability, 4);
        Assert.Equal([2, 3, 1, 4, 4], h.Tokens);
    }

    [Fact]
    public void DecodesASubRange()
    {
        var e = DecodingFixtures.Spell("a-b-c", DecodingFixtures.Letters);
        Assert.Equal("b", GreedyDecoder.Decode(e, DecodingFixtures.Letters, 1, 4).Text);
    }

    [Fact]
    public void SentencePieceMarksStartWords()
    {
        var v = Vocabulary.FromTokens(["<blank>", "▁he", "llo", "▁you", "<unk>"]);
        var e = new CtcAlign.Alignment.EmissionMatrix(new float[5 * 5], 5, 5, 0.02);
        int[] tokens = [1, 2, 4, 3, 0];
        for (var t = 0; t < 5; t++)
            for (var k = 0; k < 5; k++)
                e.LogProbs[t * 5 + k] = k == tokens[t] ? -0.1f : -5f;
        Assert.Equal("hello you", GreedyDecoder.Decode(e, v).Text);
    }

    [Fact]
    public void RejectsAVocabularyOfAnotherSize()
    {
        var e = new CtcAlign.Alignment.EmissionMatrix(new float[12], 3, 4, 0.02);
        var ex = Assert.Throws<ArgumentException>(() => GreedyDecoder.Decode(e, DecodingFixtures.Letters));
        Assert.StartsWith("Vocabulary has 5 tokens; the emissions have 4 columns.", ex.Message);
    }
}
