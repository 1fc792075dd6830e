using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

public class LatencyRerankerTests
{
    // Vocabulary: 0 blank, 1 "a", 2 "b". Frames of 20 ms.
    private static double[,] LateOnsetProbabilities(double earlyA) => new[,]
    {
        { 0.90, 0.05, 0.05 },
        { 0.90, 0.05, 0.05 },
        { 1 - earlyA - 0.02, earlyA, 0.02 }, // "a" might start here, one frame early
        { 0.10, 0.85, 0.05 },
        { 0.80, 0.10, 0.10 },
        { 0.10, 0.05, 0.85 },
    };

    [Fact]
    public void MovesAnOnsetEarlierWhenItCostsLessThanLambda()
    {
        // a0 = 0 0 0 1 0 2; moving "a" one frame earlier costs ln(0.55 / 0.43) = 0.25 nats.
        var e = TrellisOracle.FromProbabilities(LateOnsetProbabilities(0.43));
        var result = LatencyReranker.Rerank(e, 0, 6, [1, 2], 0, new LatencyRerankOptions(Lambda: 1.0, Samples: 0));
        Assert.Equal([0, 0, 1, 1, 0, 2], result.Path);
        Assert.Equal([1, 0], result.OnsetShiftFrames);
        Assert.Equal(20, result.MeanShiftMilliseconds, 9);
        Assert.Equal(Math.Log(0.43 / 0.55), result.LogProbabilityDelta, 5);
        Assert.Equal("variant", result.Source);
        Assert.Equal("1 onset moved earlier by 20 ms, -0.25 nats", result.Note);
    }

    [Fact]
    public void KeepsTheViterbiPathWhenEveryMoveCostsMoreThanLambda()
    {
        var e = TrellisOracle.FromProbabilities(LateOnsetProbabilities(0.43));
        var result = LatencyReranker.Rerank(e, 0, 6, [1, 2], 0, new LatencyRerankOptions(Lambda: 0.2, Samples: 8));
        Assert.Equal([0, 0, 0, 1, 0, 2], result.Path);
        Assert.Equal(0, result.LogProbabilityDelta);
        Assert.False(result.Changed);
        Assert.StartsWith("unchanged (", result.Note);
    }

    [Theory]
    [InlineData(0.0, 1, 0)]
    [InlineData(0.5, 2, 0)]
    [InlineData(1.0, 3, 0)]
    [InlineData(3.0, 4, 0)]
    [InlineData(1.0, 5, 8)]
    [InlineData(3.0, 6, 12)]
    public void NeverChoosesAPathOutsideTheGuard(double lambda, int seed, int window)
    {
        for (var trial = 0; trial < 20; trial++)
        {
            var e = TrellisOracle.RandomEmissions(40, 5, seed * 100 + trial, sharpness: 3);
            int[] target = [1, 2, 2, 3, 4, 1, 3];
            var a0 = CtcTrellis.BestPath(e, 5, 35, target, 0);
            var result = LatencyReranker.Rerank(e, 5, 35, target, 0, new LatencyRerankOptions(lambda, 16, 3, trial, window));
            var a0LogP = CtcPath.LogProbability(e, 5, a0);
            var logP = CtcPath.LogProbability(e, 5, result.Path);
            Assert.True(CtcPath.CollapsesTo(result.Path, target, 0));
            Assert.Equal(logP, result.LogProbability, 9);
            Assert.Equal(logP - a0LogP, result.LogProbabilityDelta, 9);
            Assert.True(result.LogProbabilityDelta >= -lambda - 1e-9, $"delta {result.LogProbabilityDelta} below -{lambda}");
            // The choice is never later on average than the Viterbi path.
            Assert.True(LatencyReranker.Latency(result.Path, 0, Enumerable.Range(0, 7).ToArray())
                        <= LatencyReranker.Latency(a0, 0, Enumerable.Range(0, 7).ToArray()));
        }
    }

    [Fact]
    public void EveryCandidateCollapsesToTheTarget()
    {
        var e = TrellisOracle.RandomEmissions(50, 5, 77, sharpness: 3);
        int[] target = [1, 1, 2, 3, 3, 4];
        var a0 = CtcTrellis.BestPath(e, 0, 50, target, 0);
        double Cost(int u, int t) => e[t, 0] - e[t, target[u]];
        var candidates = AlignmentSampler.Sample(e, 0, 50, target, 0, 32, new Random(1))
            .Concat(LatencyVariants.Generate(a0, 0, 3, Cost)).ToList();
        Assert.True(candidates.Count > 32);
        Assert.All(candidates, c => Assert.True(CtcPath.CollapsesTo(c, target, 0), TrellisOracle.Key(c)));
        var result = LatencyReranker.Rerank(e, 0, 50, target, 0, new LatencyRerankOptions(Samples: 32, Seed: 1), a0);
        Assert.Equal(1 + candidates.Count, result.CandidateCount);
    }

    [Fact]
    public void WindowSamplesCanBeChosen()
    {
        // Whole-path samples of 40 frames are far below a0; window samples stay near it and some win.
        var chosen = new List<string>();
        for (var trial = 0; trial < 20; trial++)
        {
            var e = TrellisOracle.RandomEmissions(40, 5, 500 + trial, sharpness: 3);
            var result = LatencyReranker.Rerank(e, 0, 40, [1, 2, 3, 4], 0, new LatencyRerankOptions(2.0, 32, 0, trial, SampleWindow: 6));
            chosen.Add(result.Source);
        }
        Assert.Contains("window sample", chosen);
    }

    [Fact]
    public void WordPropertyLooksOnlyAtTheChosenTokens()
    {
        // Moving "b" (token 1) is cheap, moving "a" (token 0) is not allowed (no blank before it).
        var e = TrellisOracle.FromProbabilities(new[,]
        {
            { 0.10, 0.85, 0.05 },
            { 0.80, 0.10, 0.10 },
            { 0.50, 0.05, 0.45 },
            { 0.10, 0.05, 0.85 },
        });
        var onlyA = LatencyReranker.Rerank(e, 0, 4, [1, 2], 0, new LatencyRerankOptions(Samples: 0), propertyTokens: [0]);
        var all = LatencyReranker.Rerank(e, 0, 4, [1, 2], 0, new LatencyRerankOptions(Samples: 0));
        Assert.False(onlyA.Changed);
        Assert.Equal([0, 1], all.OnsetShiftFrames);
    }

    [Fact]
    public void RejectsAViterbiPathOfAnotherText()
    {
        var e = TrellisOracle.RandomEmissions(6, 3, 1);
        var ex = Assert.Throws<ArgumentException>(() => LatencyReranker.Rerank(e, 0, 6, [1, 2], 0, null, [0, 1, 0, 0, 0, 0]));
        Assert.StartsWith("Viterbi path does not collapse to the target.", ex.Message);
    }

    [Theory]
    [InlineData(new[] { 1, 1, 2, 0 }, -0.42, "3 onsets moved earlier by 20-40 ms, mean 27 ms, -0.42 nats")]
    [InlineData(new[] { 2, -1, 0 }, -0.1, "1 onset moved earlier by 40 ms, 1 later by 20 ms, mean 10 ms earlier, -0.10 nats")]
    [InlineData(new[] { 0, -1, -1 }, 0.0, "2 onsets moved later by 20 ms, mean 20 ms later, 0.00 nats")]
    [InlineData(new[] { 0, 0 }, 0.0, "unchanged (12 candidates)")]
    public void DescribesWhatMoved(int[] shifts, double delta, string expected)
    {
        Assert.Equal(expected, LatencyReranker.Describe(shifts, 0.02, delta, 12));
    }
}
