using CtcAlign.Decoding;

namespace CtcAlign.Tests.Decoding;

public class WordErrorRateTests
{
    [Theory]
    [InlineData("the cat sat", "the cat sat", 0, 3)]
    [InlineData("the cat sat", "the bat sat on", 2, 3)]
    [InlineData("the cat sat", "cat", 2, 3)]
    [InlineData("The Cat", "the cat", 0, 2)]
    [InlineData("", "a b", 2, 0)]
    [InlineData("a b c d", "b c d a", 2, 4)]
    public void CountsWordEdits(string reference, string hypothesis, int errors, int words)
    {
        var count = WordErrorRate.Count(WordErrorRate.Words(reference), WordErrorRate.Words(hypothesis));
        Assert.Equal(new WordErrorCount(errors, words), count);
    }

    [Fact]
    public void RateIsErrorsOverReferenceWords()
    {
        Assert.Equal(2.0 / 3, WordErrorRate.Compute("the cat sat", "the bat sat on"), 12);
        Assert.Equal(2.0, WordErrorRate.Compute("", "a b"), 12);
        Assert.Equal(1.0, WordErrorRate.Count(["A"], ["a"], ignoreCase: false).Rate, 12);
    }

    [Fact]
    public void ComparesACaptionWithWhatTheModelHeard()
    {
        var e = DecodingFixtures.Spell("-ab- -ba-", DecodingFixtures.Letters);
        var heard = GreedyDecoder.Decode(e, DecodingFixtures.Letters);
        Assert.Equal(new WordErrorCount(0, 2), WordErrorRate.OfCaption(["AB", "BA"], heard));
        Assert.Equal(new WordErrorCount(2, 3), WordErrorRate.OfCaption(["ab", "bc", "ca"], heard));
    }
}
