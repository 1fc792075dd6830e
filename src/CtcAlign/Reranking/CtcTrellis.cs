using CtcAlign.Alignment;

namespace CtcAlign.Reranking;

/// <summary>
/// The standard CTC trellis of one target over emission frames <c>[startFrame, endFrame)</c>: the target
/// (token ids, no blanks) expanded with blanks to <c>S = 2U + 1</c> states, entered in state 0 or 1, left in
/// S-1 or S-2; state s is reached from s, s-1, and s-2 when it is a token different from the token two back.
/// Paths are returned as one token id per frame (blank = the blank id), the common currency of this namespace.
/// </summary>
public static class CtcTrellis
{
    /// <summary>The blank-interleaved states <c>[b, y1, b, y2, ..., yU, b]</c>.</summary>
    public static int[] Expand(ReadOnlySpan<int> target, int blank)
    {
        var states = new int[2 * target.Length + 1];
        Array.Fill(states, blank);
        for (var u = 0; u < target.Length; u++)
            states[2 * u + 1] = target[u];
        return states;
    }

    /// <summary>Frames a path needs: one per token plus one blank between each pair of equal neighbours.</summary>
    public static int RequiredFrames(ReadOnlySpan<int> target)
    {
        var repeats = 0;
        for (var u = 1; u < target.Length; u++)
            if (target[u] == target[u - 1])
                repeats++;
        return target.Length + repeats;
    }

    /// <summary>
    /// Checks the frame range, the target ids and that the target fits; throws <see cref="ArgumentException"/> for
    /// bad arguments and <see cref="AlignmentException"/> when the range is too short for the target.
    /// </summary>
    public static void Validate(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> target, int blank)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        if (startFrame < 0 || endFrame > emissions.Frames || startFrame >= endFrame)
            throw new ArgumentOutOfRangeException(nameof(startFrame),
                $"Frame range [{startFrame}, {endFrame}) is empty or outside the {emissions.Frames} frames.");
        if (blank < 0 || blank >= emissions.VocabularySize)
            throw new ArgumentOutOfRangeException(nameof(blank), $"Blank id {blank} >= vocabulary {emissions.VocabularySize}.");
        if (target.Length == 0)
            throw new ArgumentException("The target has no tokens.", nameof(target));
        for (var u = 0; u < target.Length; u++)
        {
            if (target[u] < 0 || target[u] >= emissions.VocabularySize)
                throw new ArgumentException($"Target id {target[u]} at {u} is outside vocabulary {emissions.VocabularySize}.", nameof(target));
            if (target[u] == blank)
                throw new ArgumentException($"Target id at {u} is the blank {blank}; targets hold tokens only.", nameof(target));
        }
        var frames = endFrame - startFrame;
        var required = RequiredFrames(target);
        if (frames < required)
            throw new AlignmentException(
                $"T={frames} < U+R={required}: {target.Length} tokens with {required - target.Length} adjacent repeats do not fit in {frames} frames.");
    }

    /// <summary>True when a path may jump from state s-2 to state s (s is a token unlike the token two states back).</summary>
    internal static bool CanSkip(int[] states, int s, int blank) => s >= 2 && states[s] != blank && states[s] != states[s - 2];

    /// <summary>
    /// Forward variables in log space, row-major <c>[T, S]</c>: <c>alpha[t, s]</c> = log of the summed probability of all
    /// path prefixes over frames 0..t that end in state s (negative infinity where unreachable).
    /// </summary>
    public static double[] Forward(EmissionMatrix emissions, int startFrame, int endFrame, int[] target, int blank)
    {
        Validate(emissions, startFrame, endFrame, target, blank);
        var states = Expand(target, blank);
        int frames = endFrame - startFrame, count = states.Length;
        var alpha = new double[frames * count];
        Array.Fill(alpha, double.NegativeInfinity);
        var row = emissions.Row(startFrame);
        alpha[0] = row[states[0]];
        alpha[1] = row[states[1]];
        for (var t = 1; t < frames; t++)
        {
            row = emissions.Row(startFrame + t);
            int previous = (t - 1) * count, current = t * count;
            // States below S - 2(T - t) cannot reach the end, states above 2t + 1 cannot be reached yet.
            var low = Math.Max(0, count - 2 * (frames - t));
            var high = Math.Min(count - 1, 2 * t + 1);
            for (var s = low; s <= high; s++)
            {
                var sum = alpha[previous + s];
                if (s >= 1)
                    sum = LogAdd(sum, alpha[previous + s - 1]);
                if (CanSkip(states, s, blank))
                    sum = LogAdd(sum, alpha[previous + s - 2]);
                alpha[current + s] = sum + row[states[s]];
            }
        }
        return alpha;
    }

    /// <summary>log p(y | x): the summed probability of every path of the target over the range.</summary>
    public static double LogLikelihood(EmissionMatrix emissions, int startFrame, int endFrame, int[] target, int blank)
    {
        var alpha = Forward(emissions, startFrame, endFrame, target, blank);
        var count = 2 * target.Length + 1;
        var last = (endFrame - startFrame - 1) * count;
        return LogAdd(alpha[last + count - 1], alpha[last + count - 2]);
    }

    /// <summary>
    /// The single most probable path (Viterbi, by <see cref="ViterbiAligner"/>), one token id per frame; ties go to
    /// staying, then to the shorter step.
    /// </summary>
    public static int[] BestPath(EmissionMatrix emissions, int startFrame, int endFrame, int[] target, int blank)
    {
        Validate(emissions, startFrame, endFrame, target, blank);
        var tokenIndex = ViterbiAligner.Align(emissions, startFrame, endFrame, target, blank).FrameTokenIndices;
        var path = new int[tokenIndex.Length];
        for (var t = 0; t < path.Length; t++)
            path[t] = tokenIndex[t] < 0 ? blank : target[tokenIndex[t]];
        return path;
    }

    /// <summary>log(exp(a) + exp(b)) without overflow; negative infinity is the identity.</summary>
    public static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
            return b;
        if (double.IsNegativeInfinity(b))
            return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }
}
