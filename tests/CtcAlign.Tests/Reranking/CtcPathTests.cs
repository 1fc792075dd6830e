using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

public class CtcPathTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 1, 0, 1, 2, 2, 0 }, new[] { 1, 1, 2 }, new[] { 1, 4, 5 })]
    [InlineData(new[] { 1, 1, 1 }, new[] { 1 }, new[] { 0 })]
    [InlineData(new[] { 0, 0 }, new int[0], new int[0])]
    public void CollapsesAndFindsOnsets(int[] path, int[] tokens, int[] onsets)
    {
        Assert.Equal(tokens, CtcPath.Collapse(path, 0));
        Assert.Equal(onsets, CtcPath.Onsets(path, 0));
        Assert.True(CtcPath.CollapsesTo(path, tokens, 0));
    }

    [Theory]
    [InlineData(new[] { 1, 1, 2 }, new[] { 1, 1, 2 })]
    [InlineData(new[] { 1, 0, 2 }, new[] { 1, 2, 2 })]
    [InlineData(new[] { 1, 0, 2, 0 }, new[] { 1 })]
    public void RejectsPathsOfAnotherLabelling(int[] path, int[] target)
    {
        Assert.False(CtcPath.CollapsesTo(path, target, 0));
    }

    [Fact]
    public void LogProbabilitySumsThePathFromItsStartFrame()
    {
        var e = TrellisOracle.RandomEmissions(5, 3, 7);
        var expected = e[2, 1] + (double)e[3, 0] + e[4, 2];
        Assert.Equal(expected, CtcPath.LogProbability(e, 2, [1, 0, 2]), 6);
    }

    [Fact]
    public void ConvertsToAndFromPerFrameTokenIndices()
    {
        int[] path = [0, 1, 1, 0, 1, 2, 2, 0];
        int[] indices = [-1, 0, 0, -1, 1, 2, 2, -1];
        Assert.Equal(indices, CtcPath.ToTokenIndices(path, 0));
        Assert.Equal(path, CtcPath.FromTokenIndices(indices, [1, 1, 2], 0));
        var ex = Assert.Throws<ArgumentException>(() => CtcPath.FromTokenIndices([0, 3], [1, 1, 2], 0));
        Assert.StartsWith("Token index 3 at frame 1 is outside the 3 target tokens.", ex.Message);
    }
}
