namespace CtcAlign.Reranking;

/// <summary>
/// Copies of a path with token onsets moved earlier into the blank frames just before them: the candidates that
/// test whether the model would accept an earlier emission. A move never crosses the previous token's frames and
/// keeps one blank between equal neighbours, so every variant collapses to the same labelling.
/// </summary>
public static class LatencyVariants
{
    /// <summary>
    /// For each token of the path, how many frames (at most <paramref name="maxShift"/>) its onset can move earlier:
    /// the blank frames directly before it, less one when the previous token is the same id.
    /// </summary>
    public static int[] MaxMoves(ReadOnlySpan<int> path, int blank, int maxShift)
    {
        var onsets = CtcPath.Onsets(path, blank);
        var moves = new int[onsets.Length];
        for (var u = 0; u < onsets.Length; u++)
        {
            var gap = 0;
            while (onsets[u] - gap - 1 >= 0 && path[onsets[u] - gap - 1] == blank)
                gap++;
            var previous = onsets[u] - gap - 1;
            if (previous >= 0 && path[previous] == path[onsets[u]])
                gap--;
            moves[u] = Math.Clamp(gap, 0, maxShift);
        }
        return moves;
    }

    /// <summary>The path with token u's onset moved <c>shifts[u]</c> frames earlier (each within <see cref="MaxMoves"/>).</summary>
    public static int[] Apply(ReadOnlySpan<int> path, int blank, ReadOnlySpan<int> shifts)
    {
        var onsets = CtcPath.Onsets(path, blank);
        if (shifts.Length != onsets.Length)
            throw new ArgumentException($"{shifts.Length} shifts for {onsets.Length} tokens.", nameof(shifts));
        var moved = path.ToArray();
        for (var u = 0; u < onsets.Length; u++)
            for (var k = 1; k <= shifts[u]; k++)
                moved[onsets[u] - k] = path[onsets[u]];
        return moved;
    }

    /// <summary>
    /// Latency variants of <paramref name="path"/>: every single token moved 1..K frames; every token moved by up to k
    /// frames for k = 1..K; and a chain that adds one frame of move at a time, cheapest first (by the log-probability
    /// it costs on <paramref name="frameCost"/>), so the guard can take as many moves as it allows.
    /// </summary>
    /// <param name="frameCost">cost(u, t): log p lost when frame t (blank) takes token u's id; null to skip the chain.</param>
    public static List<int[]> Generate(int[] path, int blank, int maxShift, Func<int, int, double>? frameCost = null)
    {
        var moves = MaxMoves(path, blank, maxShift);
        var onsets = CtcPath.Onsets(path, blank);
        var variants = new List<int[]>();
        var shifts = new int[moves.Length];
        for (var u = 0; u < moves.Length; u++)
        {
            for (var k = 1; k <= moves[u]; k++)
            {
                Array.Clear(shifts);
                shifts[u] = k;
                variants.Add(Apply(path, blank, shifts));
            }
        }

        var largest = moves.Length == 0 ? 0 : moves.Max();
        for (var k = 1; k <= largest; k++)
        {
            for (var u = 0; u < moves.Length; u++)
                shifts[u] = Math.Min(k, moves[u]);
            variants.Add(Apply(path, blank, shifts));
        }

        if (frameCost is not null)
        {
            Array.Clear(shifts);
            while (true)
            {
                int best = -1;
                var bestCost = double.PositiveInfinity;
                for (var u = 0; u < moves.Length; u++)
                {
                    if (shifts[u] >= moves[u])
                        continue;
                    var cost = frameCost(u, onsets[u] - shifts[u] - 1);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        best = u;
                    }
                }
                if (best < 0)
                    break;
                shifts[best]++;
                variants.Add(Apply(path, blank, shifts));
            }
        }
        return variants;
    }
}
