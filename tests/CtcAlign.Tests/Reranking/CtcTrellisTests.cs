using CtcAlign.Alignment;
using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

public class CtcTrellisTests
{
    public static TheoryData<int[], int, int> Cases => new()
    {
        { new[] { 1 }, 4, 11 },
        { new[] { 1, 2 }, 5, 12 },
        { new[] { 1, 1 }, 5, 13 },
        { new[] { 2, 1 }, 6, 14 },
        { new[] { 1, 1 }, 3, 15 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLikelihoodEqualsTheSumOverAllPaths(int[] target, int frames, int seed)
    {
        var e = TrellisOracle.RandomEmissions(frames, 3, seed);
        var paths = TrellisOracle.ValidPaths(e, target, 0);
        Assert.Equal(TrellisOracle.LogSumExp(paths.Values), CtcTrellis.LogLikelihood(e, 0, frames, target, 0), 9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BestPathIsTheMostProbableValidPath(int[] target, int frames, int seed)
    {
        var e = TrellisOracle.RandomEmissions(frames, 3, seed);
        var best = TrellisOracle.ValidPaths(e, target, 0).MaxBy(kv => kv.Value);
        var path = CtcTrellis.BestPath(e, 0, frames, target, 0);
        Assert.Equal(best.Key, TrellisOracle.Key(path));
    }

    [Fact]
    public void WorksOnASubRangeOfFrames()
    {
        var e = TrellisOracle.RandomEmissions(9, 3, 5);
        var slice = e.Slice(2, 7);
        int[] target = [2, 1];
        Assert.Equal(CtcTrellis.LogLikelihood(slice, 0, 5, target, 0), CtcTrellis.LogLikelihood(e, 2, 7, target, 0), 9);
        Assert.Equal(CtcTrellis.BestPath(slice, 0, 5, target, 0), CtcTrellis.BestPath(e, 2, 7, target, 0));
    }

    [Fact]
    public void RejectsATargetThatDoesNotFit()
    {
        var e = TrellisOracle.RandomEmissions(2, 3, 1);
        var ex = Assert.Throws<AlignmentException>(() => CtcTrellis.BestPath(e, 0, 2, [1, 1], 0));
        Assert.Equal("T=2 < U+R=3: 2 tokens with 1 adjacent repeats do not fit in 2 frames.", ex.Message);
    }

    [Theory]
    [InlineData(new[] { 3 }, "Target id 3 at 0 is outside vocabulary 3.")]
    [InlineData(new[] { 1, 0 }, "Target id at 1 is the blank 0; targets hold tokens only.")]
    public void RejectsBadTargetIds(int[] target, string expected)
    {
        var e = TrellisOracle.RandomEmissions(4, 3, 1);
        var ex = Assert.Throws<ArgumentException>(() => CtcTrellis.Forward(e, 0, 4, target, 0));
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void RejectsAnEmptyRange()
    {
        var e = TrellisOracle.RandomEmissions(4, 3, 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CtcTrellis.Forward(e, 3, 3, [1], 0));
        Assert.StartsWith("Frame range [3, 3) is empty or outside the 4 frames.", ex.Message);
    }
}
