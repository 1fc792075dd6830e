using CtcAlign.Text;

namespace CtcAlign.Tests.Text;

public class VocabularyTests
{
    [Fact]
    public void ReadsWav2Vec2VocabJson()
    {
        var v = Vocabulary.FromVocabJson("""{"<pad>":0,"<s>":1,"</s>":2,"<unk>":3,"|":4,"E":5,"T":6,"'":7}""");
        Assert.Equal(0, v.BlankIndex);
        Assert.Equal(4, v.WordDelimiterIndex);
        Assert.True(v.IsUpperCase);
        Assert.Equal(8, v.Count);
        Assert.True(v.TryGetIndex("T", out var t) && t == 6);
    }

    [Fact]
    public void ReadsPlainTokenListWithExplicitBlank()
    {
        var v = Vocabulary.FromTokenList(["<blank>", " ", "a", "b", "'", ""]);
        Assert.Equal(0, v.BlankIndex);
        Assert.Equal(1, v.WordDelimiterIndex);
        Assert.False(v.IsUpperCase);
        Assert.Equal(5, v.Count);
    }

    [Theory]
    [InlineData("""{"a":0,"b":2}""", "no token at index 1")]
    [InlineData("""{"a":0,"b":0}""", "gives index 0 to both")]
    [InlineData("""[1,2]""", "not a JSON object")]
    public void RejectsMalformedVocabJson(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Vocabulary.FromVocabJson(json));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void RequiresABlank()
    {
        var ex = Assert.Throws<FormatException>(() => Vocabulary.FromTokens(["a", "b"]));
        Assert.Contains("No blank token", ex.Message);
    }
}
