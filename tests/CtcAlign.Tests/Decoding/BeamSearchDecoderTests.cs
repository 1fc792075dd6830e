using CtcAlign.Decoding;
using CtcAlign.Reranking;
using CtcAlign.Tests.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Tests.Decoding;

public class BeamSearchDecoderTests
{
    private static readonly Vocabulary Abc = Vocabulary.FromTokens(["<blank>", "a", "b", "c"]);

    [Theory]
    [InlineData(4, 3, 1)]
    [InlineData(5, 3, 2)]
    [InlineData(5, 4, 3)]
    [InlineData(6, 3, 4)]
    public void FindsTheMostProbableLabellingByBruteForce(int frames, int vocabulary, int seed)
    {
        var v = Vocabulary.FromTokens(Abc.Tokens.Take(vocabulary).ToArray());
        for (var trial = 0; trial < 10; trial++)
        {
            var e = TrellisOracle.RandomEmissions(frames, vocabulary, seed * 1000 + trial, sharpness: 1.0);
            // Sum over paths per labelling.
            var labellings = TrellisOracle.AllPaths(frames, vocabulary)
                .GroupBy(p => string.Join(",", CtcPath.Collapse(p, 0)))
                .Select(g => (Key: g.Key, LogP: TrellisOracle.LogSumExp(g.Select(p => CtcPath.LogProbability(e, 0, p)))))
                .OrderByDescending(x => x.LogP).ToList();

            var nbest = BeamSearchDecoder.Decode(e, v, new BeamSearchOptions(BeamWidth: 200, NBest: 3, TokenMinLogProbability: double.NegativeInfinity));
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(labellings[i].Key, string.Join(",", nbest[i].Tokens));
                Assert.Equal(labellings[i].LogP, nbest[i].LogProbability, 9);
            }
        }
    }

    [Fact]
    public void BeamOfOneEqualsGreedyOnPeakyEmissions()
    {
        // With the best token above 0.9 in every frame, a beam of one provably follows the best path.
        var v = DecodingFixtures.Letters;
        var random = new Random(4);
        for (var trial = 0; trial < 50; trial++)
        {
            var frames = new string(Enumerable.Range(0, 60).Select(_ => "--ab c"[random.Next(6)]).ToArray());
            var e = DecodingFixtures.Spell(frames, v, peak: 0.9 + 0.09 * random.NextDouble());
            var greedy = GreedyDecoder.Decode(e, v);
            var beam = BeamSearchDecoder.Decode(e, v, new BeamSearchOptions(BeamWidth: 1));
            Assert.Equal(greedy.Text, beam[0].Text);
            Assert.Equal(greedy.Tokens, beam[0].Tokens);
        }
    }

    [Fact]
    public void WordTimesFollowTheEmissions()
    {
        var e = DecodingFixtures.Spell("--ab--- -c--c", DecodingFixtures.Letters, startSeconds: 1);
        var best = BeamSearchDecoder.Decode(e, DecodingFixtures.Letters, new BeamSearchOptions(8, 2))[0];
        Assert.Equal("ab cc", best.Text);
        Assert.Equal(GreedyDecoder.Decode(e, DecodingFixtures.Letters).Words, best.Words);
    }

    [Fact]
    public void ReturnsTheNBestInOrder()
    {
        var e = TrellisOracle.RandomEmissions(30, 5, 8, sharpness: 1.5);
        var nbest = BeamSearchDecoder.Decode(e, DecodingFixtures.Letters, new BeamSearchOptions(16, 5));
        Assert.Equal(5, nbest.Count);
        Assert.Equal(5, nbest.Select(h => string.Join(",", h.Tokens)).Distinct().Count());
        for (var i = 1; i < nbest.Count; i++)
            Assert.True(nbest[i - 1].LogProbability >= nbest[i].LogProbability);
    }

    [Fact]
    public void RejectsAnNBestLargerThanTheBeam()
    {
        var e = TrellisOracle.RandomEmissions(3, 5, 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BeamSearchDecoder.Decode(e, DecodingFixtures.Letters, new BeamSearchOptions(BeamWidth: 2, NBest: 3)));
        Assert.StartsWith("N-best must be between 1 and the beam width 2; got 3.", ex.Message);
    }
}
