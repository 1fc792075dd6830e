using CtcAlign.Alignment;

namespace CtcAlign.Tests.Alignment;

public sealed class HeardLettersTests
{
    private const int Blank = 0;
    private const int Delimiter = 3;

    private static EmissionMatrix Random(int frames, int vocabulary, int seed)
    {
        var random = new Random(seed);
        var values = new float[frames * vocabulary];
        for (var t = 0; t < frames; t++)
        {
            var row = Enumerable.Range(0, vocabulary).Select(_ => random.NextDouble() * 4).ToArray();
            var log = Math.Log(row.Sum(Math.Exp));
            for (var v = 0; v < vocabulary; v++)
                values[t * vocabulary + v] = (float)(row[v] - log);
        }
        return new EmissionMatrix(values, frames, vocabulary, 0.02);
    }

    /// <summary>The best of all token sequences over the frames (brute force) minus the path's log-probability.</summary>
    private static double BruteDeficit(EmissionMatrix e, int[] path, int from, int to)
    {
        var best = double.NegativeInfinity;
        var n = to - from;
        var total = (int)Math.Pow(e.VocabularySize, n);
        for (var code = 0; code < total; code++)
        {
            double sum = 0;
            var c = code;
            for (var t = from; t < to; t++, c /= e.VocabularySize)
                sum += e[t, c % e.VocabularySize];
            best = Math.Max(best, sum);
        }
        var forced = Enumerable.Range(from, n).Sum(t => (double)e[t, path[t]]);
        return best - forced;
    }

    [Fact]
    public void The_deficit_is_the_best_free_path_minus_the_forced_one_over_the_same_frames()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var e = Random(6, 4, seed);
            var random = new Random(seed + 100);
            var path = Enumerable.Range(0, 6).Select(_ => random.Next(4)).ToArray();
            var lp = Enumerable.Range(0, 6).Select(t => e[t, path[t]]).ToArray();
            var from = random.Next(0, 3);
            var to = random.Next(from, 7);
            Assert.Equal(BruteDeficit(e, path, from, to), HeardLetters.Deficit(e, 0, lp, from, to), 4);
        }
    }

    [Fact]
    public void Unexplained_letters_count_only_frames_that_hear_a_letter_the_path_does_not_take()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var e = Random(6, 5, seed);
            var random = new Random(seed + 200);
            var path = Enumerable.Range(0, 6).Select(_ => random.Next(2) == 0 ? Blank : random.Next(5)).ToArray();
            var lp = Enumerable.Range(0, 6).Select(t => e[t, path[t]]).ToArray();
            double expected = 0;
            for (var t = 0; t < 6; t++)
            {
                var best = EmissionMatrix.ArgMax(e.Row(t));
                if (best != Blank && best != Delimiter && best != path[t])
                    expected += BruteDeficit(e, path, t, t + 1);
            }
            Assert.Equal(expected, HeardLetters.UnexplainedLetters(e, 0, lp, path, 0, 6, Blank, v => v == Delimiter), 4);
        }
    }
}
