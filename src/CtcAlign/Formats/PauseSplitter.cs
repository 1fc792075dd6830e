namespace CtcAlign.Formats;

/// <summary>
/// Splits a run of timed words into pieces no longer than a maximum, cutting at the pauses between words.
/// A pure function over word times, exact (not greedy): among all ways to cut in which every piece spans at most
/// <c>maxSpan</c> seconds (first word's start to last word's end), it returns the best by, in order:
/// <list type="number">
/// <item>fewest pieces shorter than <c>minSpan</c> (they would be dropped from a corpus);</item>
/// <item>the largest smallest pause cut at (cuts at real pauses, never inside a phrase when a pause will do);</item>
/// <item>fewest pieces (clips as long as allowed);</item>
/// <item>the largest total pause cut at.</item>
/// </list>
/// Pauses are <c>max(0, start[i+1] - end[i])</c>.
/// </summary>
public static class PauseSplitter
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// The pieces as word index ranges <c>[First, Last]</c> in order, or null when no cut makes every piece fit
    /// (a single word longer than <paramref name="maxSpan"/>). Words must be in time order.
    /// </summary>
    public static IReadOnlyList<(int First, int Last)>? Split(IReadOnlyList<double> starts, IReadOnlyList<double> ends, double maxSpan, double minSpan = 0)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        if (starts.Count != ends.Count)
            throw new ArgumentException($"{starts.Count} word starts but {ends.Count} word ends.", nameof(ends));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSpan);
        var n = starts.Count;
        if (n == 0)
            return [];
        var pauses = Pauses(starts, ends);
        // Thresholds: every distinct pause, then "no cut at all". Fewest short pieces can only get worse as the
        // threshold rises (fewer places to cut), so the largest threshold keeping the best count is found by bisection.
        var thresholds = pauses.Distinct().Order().Append(double.PositiveInfinity).ToArray();
        var best = Solve(starts, ends, pauses, thresholds[0], maxSpan, minSpan);
        if (best is null)
            return null;
        var shortest = best.Value.Short;
        int lo = 0, hi = thresholds.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            var at = Solve(starts, ends, pauses, thresholds[mid], maxSpan, minSpan);
            if (at is { } a && a.Short == shortest)
                lo = mid;
            else
                hi = mid - 1;
        }
        return Solve(starts, ends, pauses, thresholds[lo], maxSpan, minSpan)!.Value.Pieces;
    }

    /// <summary>The ordering key of a split (smaller is better): short pieces, minus the smallest pause cut, pieces, minus the total pause cut.</summary>
    public static (int Short, double NegBottleneck, int Pieces, double NegTotalPause) Score(
        IReadOnlyList<double> starts, IReadOnlyList<double> ends, IReadOnlyList<(int First, int Last)> pieces, double minSpan)
    {
        var pauses = Pauses(starts, ends);
        var bottleneck = double.PositiveInfinity;
        var total = 0.0;
        var shortCount = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            if (ends[pieces[p].Last] - starts[pieces[p].First] < minSpan)
                shortCount++;
            if (p + 1 < pieces.Count)
            {
                bottleneck = Math.Min(bottleneck, pauses[pieces[p].Last]);
                total += pauses[pieces[p].Last];
            }
        }
        return (shortCount, -bottleneck, pieces.Count, -total);
    }

    private static double[] Pauses(IReadOnlyList<double> starts, IReadOnlyList<double> ends)
    {
        var pauses = new double[Math.Max(0, starts.Count - 1)];
        for (var i = 0; i < pauses.Length; i++)
            pauses[i] = Math.Max(0, starts[i + 1] - ends[i]);
        return pauses;
    }

    /// <summary>
    /// Best split cutting only at pauses &gt;= <paramref name="threshold"/>, by (short pieces, pieces, -total pause):
    /// dynamic programming over the word where each piece ends.
    /// </summary>
    private static (int Short, List<(int, int)> Pieces)? Solve(IReadOnlyList<double> starts, IReadOnlyList<double> ends, double[] pauses,
        double threshold, double maxSpan, double minSpan)
    {
        var n = starts.Count;
        // cost[j]: best split of words [0, j) into pieces, the last ending at word j-1 with a cut allowed after it.
        var shortCount = new int[n + 1];
        var pieces = new int[n + 1];
        var total = new double[n + 1];
        var from = new int[n + 1];
        Array.Fill(shortCount, int.MaxValue);
        shortCount[0] = 0;
        for (var j = 1; j <= n; j++)
        {
            if (j < n && pauses[j - 1] < threshold)
                continue; // no cut allowed after word j-1
            for (var i = j - 1; i >= 0; i--)
            {
                var span = ends[j - 1] - starts[i];
                if (span > maxSpan + Tolerance)
                    break; // starts are in time order: earlier first words only make it longer
                if (shortCount[i] == int.MaxValue)
                    continue;
                var s = shortCount[i] + (span < minSpan ? 1 : 0);
                var p = pieces[i] + 1;
                var t = total[i] + (i > 0 ? pauses[i - 1] : 0);
                if (s < shortCount[j] || (s == shortCount[j] && (p < pieces[j] || (p == pieces[j] && t > total[j] + Tolerance))))
                {
                    shortCount[j] = s;
                    pieces[j] = p;
                    total[j] = t;
                    from[j] = i;
                }
            }
        }
        if (shortCount[n] == int.MaxValue)
            return null;
        var result = new List<(int, int)>();
        for (var j = n; j > 0; j = from[j])
            result.Add((from[j], j - 1));
        result.Reverse();
        return (shortCount[n], result);
    }
}
