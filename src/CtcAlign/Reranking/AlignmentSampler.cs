using CtcAlign.Alignment;

namespace CtcAlign.Reranking;

/// <summary>
/// Exact samples of the CTC alignment posterior p(a | x, y) by forward filtering, backward sampling (FFBS): one
/// log-space forward pass over the trellis, then each sample walks back from the last frame, choosing each
/// predecessor state with probability proportional to its forward variable. Reproducible for a seeded
/// <see cref="Random"/>.
/// </summary>
public static class AlignmentSampler
{
    /// <summary>
    /// Draws <paramref name="count"/> paths of the target over frames <c>[startFrame, endFrame)</c>, each one token id
    /// per frame (blank = <paramref name="blank"/>), each collapsing to <paramref name="target"/>.
    /// </summary>
    public static int[][] Sample(EmissionMatrix emissions, int startFrame, int endFrame, int[] target, int blank, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var alpha = CtcTrellis.Forward(emissions, startFrame, endFrame, target, blank);
        var states = CtcTrellis.Expand(target, blank);
        var frames = endFrame - startFrame;
        var samples = new int[count][];
        Span<double> weights = stackalloc double[3];
        Span<int> from = stackalloc int[3];
        for (var i = 0; i < count; i++)
        {
            var path = new int[frames];
            var last = (frames - 1) * states.Length;
            from[0] = states.Length - 1;
            from[1] = states.Length - 2;
            weights[0] = alpha[last + from[0]];
            weights[1] = alpha[last + from[1]];
            var state = from[Choose(weights[..2], random)];
            for (var t = frames - 1; t > 0; t--)
            {
                path[t] = states[state];
                var row = (t - 1) * states.Length;
                var n = 0;
                from[n] = state;
                weights[n++] = alpha[row + state];
                if (state >= 1)
                {
                    from[n] = state - 1;
                    weights[n++] = alpha[row + state - 1];
                }
                if (CtcTrellis.CanSkip(states, state, blank))
                {
                    from[n] = state - 2;
                    weights[n++] = alpha[row + state - 2];
                }
                state = from[Choose(weights[..n], random)];
            }
            path[0] = states[state];
            samples[i] = path;
        }
        return samples;
    }

    /// <summary>Index drawn with probability proportional to exp(logWeights[i]); at least one weight must be finite.</summary>
    private static int Choose(ReadOnlySpan<double> logWeights, Random random)
    {
        var max = double.NegativeInfinity;
        foreach (var w in logWeights)
            max = Math.Max(max, w);
        if (double.IsNegativeInfinity(max))
            throw new InvalidOperationException("Backward sampling reached a state no path leads to.");
        var total = 0.0;
        foreach (var w in logWeights)
            total += Math.Exp(w - max);
        var u = random.NextDouble() * total;
        for (var i = 0; i < logWeights.Length; i++)
        {
            u -= Math.Exp(logWeights[i] - max);
            if (u < 0)
                return i;
        }
        // Rounding left u just above zero: take the last finite weight.
        for (var i = logWeights.Length - 1; i >= 0; i--)
            if (!double.IsNegativeInfinity(logWeights[i]))
                return i;
        return 0;
    }
}
