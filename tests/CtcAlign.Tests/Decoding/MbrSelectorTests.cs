using CtcAlign.Decoding;

namespace CtcAlign.Tests.Decoding;

public class MbrSelectorTests
{
    private static DecodedHypothesis Hypothesis(string text, double probability)
    {
        var words = WordErrorRate.Words(text).Select((w, i) => new DecodedWord(w, i, i + 1, 1)).ToArray();
        return new DecodedHypothesis([], text, Math.Log(probability), words, []);
    }

    // Expected WER: "a b c" 0.383, "a b d" 0.250, "a e d" 0.417, "x b d" 0.450.
    private static readonly DecodedHypothesis[] NBest =
    [
        Hypothesis("a b c", 0.30),
        Hypothesis("a b d", 0.25),
        Hypothesis("a e d", 0.25),
        Hypothesis("x b d", 0.20),
    ];

    [Fact]
    public void PicksTheConsensusHypothesis()
    {
        var result = MbrSelector.Select(NBest, lambda: 1.0);
        Assert.Equal(1, result.ChosenIndex);
        Assert.Equal("a b d", result.Chosen.Text);
        Assert.Equal(0.3 / 3 + 0.25 / 3 + 0.2 / 3, result.ExpectedWer[1], 9);
        Assert.Equal(0.25 / 3 + 0.25 * 2 / 3 + 0.2 * 2 / 3, result.ExpectedWer[0], 9);
        Assert.Equal(Math.Log(0.25 / 0.30), result.LogProbabilityDelta, 9);
    }

    [Fact]
    public void TheGuardKeepsTheBestHypothesisWhenTheConsensusIsTooUnlikely()
    {
        // ln(0.25 / 0.30) = -0.18 nats: outside a 0.1 guard.
        var result = MbrSelector.Select(NBest, lambda: 0.1);
        Assert.Equal(0, result.ChosenIndex);
        Assert.Equal(0, result.LogProbabilityDelta);
    }

    [Fact]
    public void NormalisesProbabilitiesOverTheList()
    {
        // Scaling every probability by the same factor changes nothing.
        var scaled = NBest.Select(h => h with { LogProbability = h.LogProbability - 40 }).ToArray();
        var expected = MbrSelector.Select(NBest).ExpectedWer;
        var actual = MbrSelector.Select(scaled).ExpectedWer;
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void TiesGoToTheMoreProbableHypothesis()
    {
        var result = MbrSelector.Select([Hypothesis("a b", 0.4), Hypothesis("a c", 0.6)]);
        // Expected WER 0.6 * 0.5 = 0.3 against 0.4 * 0.5 = 0.2: the second wins outright.
        Assert.Equal(1, result.ChosenIndex);
        var tie = MbrSelector.Select([Hypothesis("a b", 0.5), Hypothesis("a c", 0.5)]);
        Assert.Equal(0, tie.ChosenIndex);
    }

    [Fact]
    public void RejectsAnEmptyList()
    {
        var ex = Assert.Throws<ArgumentException>(() => MbrSelector.Select([]));
        Assert.StartsWith("The N-best list is empty.", ex.Message);
    }
}
