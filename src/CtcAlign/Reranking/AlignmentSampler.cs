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

    /// <summary>
    /// A local exact sample: <paramref name="path"/> (frames relative to <paramref name="startFrame"/>) with frames
    /// <c>[windowStart, windowEnd)</c> redrawn from p(a_window | a outside the window, x, y), the rest kept. On long
    /// segments whole-path samples fall many nats below the Viterbi path; windows around it give likely neighbours.
    /// </summary>
    public static int[] Resample(EmissionMatrix emissions, int startFrame, int[] target, int blank, int[] path,
        int windowStart, int windowEnd, Random random)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(random);
        CtcTrellis.Validate(emissions, startFrame, startFrame + path.Length, target, blank);
        if (!CtcPath.CollapsesTo(path, target, blank))
            throw new ArgumentException("The path does not collapse to the target.", nameof(path));
        if (windowStart < 0 || windowEnd > path.Length || windowStart >= windowEnd)
            throw new ArgumentOutOfRangeException(nameof(windowStart),
                $"Window [{windowStart}, {windowEnd}) is empty or outside the {path.Length} frames.");

        var states = CtcTrellis.Expand(target, blank);
        var stateOf = StatesOf(path, blank);
        int frames = path.Length, count = states.Length, width = windowEnd - windowStart;
        var low = windowStart == 0 ? 0 : stateOf[windowStart - 1];
        var high = windowEnd == frames ? count - 1 : stateOf[windowEnd];
        var span = high - low + 1;
        var alpha = new double[width * span];
        Array.Fill(alpha, double.NegativeInfinity);
        for (var t = 0; t < width; t++)
        {
            var row = emissions.Row(startFrame + windowStart + t);
            for (var s = low; s <= high; s++)
            {
                double sum;
                if (t == 0)
                {
                    var enters = windowStart == 0
                        ? s <= 1
                        : s == low || s == low + 1 || (s == low + 2 && CtcTrellis.CanSkip(states, s, blank));
                    sum = enters ? 0 : double.NegativeInfinity;
                }
                else
                {
                    var previous = (t - 1) * span - low;
                    sum = alpha[previous + s];
                    if (s - 1 >= low)
                        sum = CtcTrellis.LogAdd(sum, alpha[previous + s - 1]);
                    if (s - 2 >= low && CtcTrellis.CanSkip(states, s, blank))
                        sum = CtcTrellis.LogAdd(sum, alpha[previous + s - 2]);
                }
                alpha[t * span + s - low] = sum + row[states[s]];
            }
        }

        // The window's last state must lead into the state after it (or be a final state).
        Span<double> weights = stackalloc double[3];
        Span<int> from = stackalloc int[3];
        var n = 0;
        var lastRow = (width - 1) * span - low;
        if (windowEnd == frames)
        {
            foreach (var s in (ReadOnlySpan<int>)[count - 1, count - 2])
                if (s >= low)
                {
                    from[n] = s;
                    weights[n++] = alpha[lastRow + s];
                }
        }
        else
        {
            from[n] = high;
            weights[n++] = alpha[lastRow + high];
            if (high - 1 >= low)
            {
                from[n] = high - 1;
                weights[n++] = alpha[lastRow + high - 1];
            }
            if (high - 2 >= low && CtcTrellis.CanSkip(states, high, blank))
            {
                from[n] = high - 2;
                weights[n++] = alpha[lastRow + high - 2];
            }
        }
        var state = from[Choose(weights[..n], random)];
        var result = (int[])path.Clone();
        for (var t = width - 1; t > 0; t--)
        {
            result[windowStart + t] = states[state];
            var row = (t - 1) * span - low;
            n = 0;
            from[n] = state;
            weights[n++] = alpha[row + state];
            if (state - 1 >= low)
            {
                from[n] = state - 1;
                weights[n++] = alpha[row + state - 1];
            }
            if (state - 2 >= low && CtcTrellis.CanSkip(states, state, blank))
            {
                from[n] = state - 2;
                weights[n++] = alpha[row + state - 2];
            }
            state = from[Choose(weights[..n], random)];
        }
        result[windowStart] = states[state];
        return result;
    }

    /// <summary>Trellis state of each frame of a path that collapses to its target: 2u+1 on token u, 2u on the blank before it.</summary>
    private static int[] StatesOf(int[] path, int blank)
    {
        var indices = CtcPath.ToTokenIndices(path, blank);
        var stateOf = new int[path.Length];
        var emitted = 0;
        for (var t = 0; t < path.Length; t++)
        {
            if (indices[t] >= 0)
            {
                stateOf[t] = 2 * indices[t] + 1;
                emitted = indices[t] + 1;
            }
            else
                stateOf[t] = 2 * emitted;
        }
        return stateOf;
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
