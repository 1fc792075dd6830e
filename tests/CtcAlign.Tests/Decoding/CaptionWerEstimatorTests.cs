using CtcAlign.Decoding;

namespace CtcAlign.Tests.Decoding;

public class CaptionWerEstimatorTests
{
    [Fact]
    public void MatchingCaptionHasNoErrors()
    {
        var e = DecodingFixtures.Spell("----ab- -ca-----", DecodingFixtures.Letters);
        var result = CaptionWerEstimator.Estimate(e, 3, 12, DecodingFixtures.Letters, ["ab", "ca"]);
        Assert.Equal(0, result.Wer);
        Assert.Equal("ab ca", result.Hypothesis.Text);
    }

    [Fact]
    public void CaptionOfOtherWordsScoresHigh()
    {
        var e = DecodingFixtures.Spell("----ab- -ca-----", DecodingFixtures.Letters);
        var result = CaptionWerEstimator.Estimate(e, 0, 16, DecodingFixtures.Letters, ["ab", "cb", "a"]);
        Assert.Equal(new[] { 2, 3 }, new[] { result.Errors, result.CaptionWords });
        Assert.Equal(2.0 / 3, result.Wer, 12);
    }
}
