using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class PauseSplitterTests
{
    [Fact]
    public void Cuts_at_the_largest_pause_that_makes_every_piece_fit()
    {
        // words of 1 s with pauses 0.1, 0.8, 0.2, 0.5 after them
        double[] starts = [0, 1.1, 2.9, 4.1, 5.6];
        double[] ends = [1, 2.1, 3.9, 5.1, 6.6];
        Assert.Equal([(0, 4)], PauseSplitter.Split(starts, ends, 7));
        Assert.Equal([(0, 1), (2, 4)], PauseSplitter.Split(starts, ends, 4));
        Assert.Equal([(0, 1), (2, 3), (4, 4)], PauseSplitter.Split(starts, ends, 2.2));
        Assert.Null(PauseSplitter.Split(starts, ends, 0.9)); // a single word is longer than the maximum
        Assert.Empty(PauseSplitter.Split([], [], 1)!);
    }

    [Fact]
    public void Prefers_pieces_long_enough_to_keep_over_a_larger_pause()
    {
        // A 2 s pause after a 0.5 s "Yes." would leave it below a 1 s minimum: the 0.4 s pause is cut instead.
        double[] starts = [0, 2.5, 4.0, 5.9];
        double[] ends = [0.5, 3.6, 5.5, 7.0];
        Assert.Equal([(0, 0), (1, 3)], PauseSplitter.Split(starts, ends, 5));
        Assert.Equal([(0, 1), (2, 3)], PauseSplitter.Split(starts, ends, 5, minSpan: 1));
    }

    [Fact]
    public void Matches_brute_force_on_every_small_input()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 3000; trial++)
        {
            var n = random.Next(1, 9);
            var starts = new double[n];
            var ends = new double[n];
            var t = 0.0;
            for (var i = 0; i < n; i++)
            {
                t += i == 0 ? 0 : random.Next(0, 4) * 0.25; // pauses on a 0.25 s grid: many ties
                starts[i] = t;
                t += random.Next(1, 5) * 0.25;
                ends[i] = t;
            }
            var max = random.Next(1, 12) * 0.5;
            var min = random.Next(0, 4) * 0.5;
            var got = PauseSplitter.Split(starts, ends, max, min);
            var best = BruteForce(starts, ends, max, min);
            if (best is null)
            {
                Assert.Null(got);
                continue;
            }
            Assert.NotNull(got);
            Assert.True(Covers(got, n), "pieces must cover the words in order");
            Assert.All(got, p => Assert.True(ends[p.Last] - starts[p.First] <= max + 1e-9));
            var gotScore = PauseSplitter.Score(starts, ends, got, min);
            Assert.Equal(best.Value, Round(gotScore));
        }
    }

    private static (int, double, int, double)? BruteForce(double[] starts, double[] ends, double max, double min)
    {
        var n = starts.Length;
        (int, double, int, double)? best = null;
        for (var mask = 0; mask < 1 << (n - 1); mask++)
        {
            var pieces = new List<(int First, int Last)>();
            var first = 0;
            for (var i = 0; i < n; i++)
            {
                if (i == n - 1 || (mask & (1 << i)) != 0)
                {
                    pieces.Add((first, i));
                    first = i + 1;
                }
            }
            if (pieces.Any(p => ends[p.Last] - starts[p.First] > max + 1e-9))
                continue;
            var score = Round(PauseSplitter.Score(starts, ends, pieces, min));
            if (best is null || score.CompareTo(best.Value) < 0)
                best = score;
        }
        return best;
    }

    private static (int, double, int, double) Round((int Short, double NegBottleneck, int Pieces, double NegTotalPause) s) =>
        (s.Short, Math.Round(s.NegBottleneck, 6), s.Pieces, Math.Round(s.NegTotalPause, 6));

    private static bool Covers(IReadOnlyList<(int First, int Last)> pieces, int n)
    {
        var next = 0;
        foreach (var (first, last) in pieces)
        {
            if (first != next || last < first)
                return false;
            next = last + 1;
        }
        return next == n;
    }
}
