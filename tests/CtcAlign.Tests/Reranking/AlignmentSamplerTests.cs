using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

public class AlignmentSamplerTests
{
    [Theory]
    [InlineData(new[] { 1, 2 }, 6, 21)]
    [InlineData(new[] { 1, 1 }, 6, 22)]
    [InlineData(new[] { 2 }, 5, 23)]
    [InlineData(new[] { 2, 1 }, 4, 24)]
    public void SampleFrequenciesMatchTheEnumeratedPosterior(int[] target, int frames, int seed)
    {
        var e = TrellisOracle.RandomEmissions(frames, 3, seed);
        var paths = TrellisOracle.ValidPaths(e, target, 0);
        var norm = TrellisOracle.LogSumExp(paths.Values);
        const int n = 40_000;
        var counts = AlignmentSampler.Sample(e, 0, frames, target, 0, n, new Random(1))
            .GroupBy(TrellisOracle.Key).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(counts.Keys, k => Assert.Contains(k, paths.Keys));
        var tv = 0.5 * paths.Sum(kv => Math.Abs(Math.Exp(kv.Value - norm) - counts.GetValueOrDefault(kv.Key) / (double)n));
        // Expected sampling noise here is about 0.01; a wrong transition or weight gives 0.05 and more.
        Assert.True(tv < 0.025, $"total variation {tv:F4} over {paths.Count} paths");
    }

    [Fact]
    public void EverySampleCollapsesToTheTarget()
    {
        var e = TrellisOracle.RandomEmissions(60, 5, 3);
        int[] target = [1, 2, 2, 3, 4, 1];
        var samples = AlignmentSampler.Sample(e, 10, 50, target, 0, 200, new Random(2));
        Assert.All(samples, s =>
        {
            Assert.Equal(40, s.Length);
            Assert.True(CtcPath.CollapsesTo(s, target, 0));
        });
    }

    [Fact]
    public void SameSeedGivesTheSameSamples()
    {
        var e = TrellisOracle.RandomEmissions(30, 4, 9);
        var a = AlignmentSampler.Sample(e, 0, 30, [1, 2, 3], 0, 20, new Random(5));
        var b = AlignmentSampler.Sample(e, 0, 30, [1, 2, 3], 0, 20, new Random(5));
        var c = AlignmentSampler.Sample(e, 0, 30, [1, 2, 3], 0, 20, new Random(6));
        Assert.Equal(a.Select(TrellisOracle.Key), b.Select(TrellisOracle.Key));
        Assert.NotEqual(a.Select(TrellisOracle.Key), c.Select(TrellisOracle.Key));
    }
}
