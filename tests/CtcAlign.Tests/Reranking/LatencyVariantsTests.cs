using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

public class LatencyVariantsTests
{
    [Theory]
    [InlineData(new[] { 0, 0, 1, 0, 0, 0, 0, 2, 2 }, 3, new[] { 2, 3 })]
    [InlineData(new[] { 0, 0, 1, 0, 0, 0, 0, 2, 2 }, 2, new[] { 2, 2 })]
    [InlineData(new[] { 1, 0, 0, 1, 2 }, 3, new[] { 0, 1, 0 })] // equal neighbours keep one blank; 2 has no blank before it
    public void MaxMovesCountsBlankFramesBeforeEachOnset(int[] path, int maxShift, int[] expected)
    {
        Assert.Equal(expected, LatencyVariants.MaxMoves(path, 0, maxShift));
    }

    [Fact]
    public void VariantsOnlyMoveOnsetsIntoBlankFramesBeforeThem()
    {
        int[] path = [0, 0, 1, 1, 0, 0, 0, 1, 0, 2, 0, 0, 3, 3, 0];
        int[] target = [1, 1, 2, 3];
        var e = TrellisOracle.RandomEmissions(path.Length, 4, 3);
        double Cost(int u, int t) => e[t, 0] - e[t, target[u]];
        var variants = LatencyVariants.Generate(path, 0, 3, Cost);

        Assert.NotEmpty(variants);
        var onsets = CtcPath.Onsets(path, 0);
        foreach (var v in variants)
        {
            Assert.True(CtcPath.CollapsesTo(v, target, 0), TrellisOracle.Key(v));
            var moved = CtcPath.Onsets(v, 0);
            for (var t = 0; t < path.Length; t++)
            {
                if (v[t] == path[t])
                    continue;
                // A changed frame was blank and now holds the id of the next onset after it, within K frames.
                Assert.Equal(0, path[t]);
                var u = Array.FindIndex(onsets, o => o > t);
                Assert.Equal(path[onsets[u]], v[t]);
                Assert.InRange(onsets[u] - t, 1, 3);
                Assert.True(moved[u] <= t);
            }
        }
    }

    [Fact]
    public void ChainTakesTheCheapestMoveFirst()
    {
        int[] path = [0, 0, 1, 0, 0, 2];
        // Moving token 2 (u = 1) costs 0.1 per frame, token 1 (u = 0) costs 1.0.
        double Cost(int u, int t) => u == 1 ? 0.1 : 1.0;
        var variants = LatencyVariants.Generate(path, 0, 3, Cost);
        var chain = variants.TakeLast(4).Select(TrellisOracle.Key).ToArray();
        Assert.Equal(["0,0,1,0,2,2", "0,0,1,2,2,2", "0,1,1,2,2,2", "1,1,1,2,2,2"], chain);
    }
}
