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

    [Theory]
    [InlineData(new[] { 1, 2 }, 7, 2, 5, 31)]
    [InlineData(new[] { 1, 2 }, 7, 0, 3, 32)]
    [InlineData(new[] { 1, 2 }, 7, 4, 7, 33)]
    [InlineData(new[] { 1, 1 }, 7, 1, 6, 34)]
    [InlineData(new[] { 2, 1 }, 6, 0, 6, 35)]
    public void WindowSamplesMatchTheConditionalPosterior(int[] target, int frames, int windowStart, int windowEnd, int seed)
    {
        var e = TrellisOracle.RandomEmissions(frames, 3, seed);
        var a0 = CtcTrellis.BestPath(e, 0, frames, target, 0);
        bool Outside(int[] p) => Enumerable.Range(0, frames).All(t => (t >= windowStart && t < windowEnd) || p[t] == a0[t]);
        var paths = TrellisOracle.AllPaths(frames, 3)
            .Where(p => CtcPath.CollapsesTo(p, target, 0) && Outside(p))
            .ToDictionary(TrellisOracle.Key, p => CtcPath.LogProbability(e, 0, p));
        var norm = TrellisOracle.LogSumExp(paths.Values);
        const int n = 40_000;
        var random = new Random(3);
        var counts = Enumerable.Range(0, n).Select(_ => AlignmentSampler.Resample(e, 0, target, 0, a0, windowStart, windowEnd, random))
            .GroupBy(TrellisOracle.Key).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(counts.Keys, k => Assert.Contains(k, paths.Keys));
        var tv = 0.5 * paths.Sum(kv => Math.Abs(Math.Exp(kv.Value - norm) - counts.GetValueOrDefault(kv.Key) / (double)n));
        Assert.True(tv < 0.025, $"total variation {tv:F4} over {paths.Count} paths");
    }

    [Fact]
    public void ResampleKeepsFramesOutsideTheWindow()
    {
        var e = TrellisOracle.RandomEmissions(80, 5, 12);
        int[] target = [1, 2, 2, 3, 4, 1];
        var a0 = CtcTrellis.BestPath(e, 0, 80, target, 0);
        var random = new Random(1);
        for (var i = 0; i < 100; i++)
        {
            var start = random.Next(0, 70);
            var p = AlignmentSampler.Resample(e, 0, target, 0, a0, start, start + 10, random);
            Assert.True(CtcPath.CollapsesTo(p, target, 0));
            Assert.Equal(a0[..start], p[..start]);
            Assert.Equal(a0[(start + 10)..], p[(start + 10)..]);
        }
    }
}
