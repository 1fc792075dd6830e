using CtcAlign.Alignment;

namespace CtcAlign.Reranking;

/// <summary>
/// Operations on a CTC path written as one token id per frame (blank = the blank id). A run of equal ids is one
/// emission; equal tokens in a row need a blank between them.
/// </summary>
public static class CtcPath
{
    /// <summary>The labelling of a path: merge runs of equal ids, then drop blanks.</summary>
    public static int[] Collapse(ReadOnlySpan<int> path, int blank)
    {
        var tokens = new List<int>();
        for (var t = 0; t < path.Length; t++)
            if (path[t] != blank && (t == 0 || path[t - 1] != path[t]))
                tokens.Add(path[t]);
        return tokens.ToArray();
    }

    /// <summary>True when the path collapses to exactly <paramref name="target"/>.</summary>
    public static bool CollapsesTo(ReadOnlySpan<int> path, ReadOnlySpan<int> target, int blank)
    {
        var u = 0;
        for (var t = 0; t < path.Length; t++)
        {
            if (path[t] == blank || (t > 0 && path[t - 1] == path[t]))
                continue;
            if (u >= target.Length || target[u] != path[t])
                return false;
            u++;
        }
        return u == target.Length;
    }

    /// <summary>Frame (relative to the path) of each emission's first frame, in order; one per collapsed token.</summary>
    public static int[] Onsets(ReadOnlySpan<int> path, int blank)
    {
        var onsets = new List<int>();
        for (var t = 0; t < path.Length; t++)
            if (path[t] != blank && (t == 0 || path[t - 1] != path[t]))
                onsets.Add(t);
        return onsets.ToArray();
    }

    /// <summary>
    /// Per frame, the index into the target of the token the path sits on, or -1 on blank (the form of a Viterbi
    /// alignment's per-frame token indices). The path must collapse to the target.
    /// </summary>
    public static int[] ToTokenIndices(ReadOnlySpan<int> path, int blank)
    {
        var indices = new int[path.Length];
        var u = -1;
        for (var t = 0; t < path.Length; t++)
        {
            if (path[t] == blank)
            {
                indices[t] = -1;
                continue;
            }
            if (t == 0 || path[t - 1] != path[t])
                u++;
            indices[t] = u;
        }
        return indices;
    }

    /// <summary>The path (one token id per frame) of per-frame target token indices (-1 = blank).</summary>
    public static int[] FromTokenIndices(ReadOnlySpan<int> tokenIndices, ReadOnlySpan<int> target, int blank)
    {
        var path = new int[tokenIndices.Length];
        for (var t = 0; t < path.Length; t++)
        {
            var u = tokenIndices[t];
            if (u < -1 || u >= target.Length)
                throw new ArgumentException($"Token index {u} at frame {t} is outside the {target.Length} target tokens.", nameof(tokenIndices));
            path[t] = u < 0 ? blank : target[u];
        }
        return path;
    }

    /// <summary>log p(a | x): the sum of the path's log-probabilities, frame t of the path read at <c>startFrame + t</c>.</summary>
    public static double LogProbability(EmissionMatrix emissions, int startFrame, ReadOnlySpan<int> path)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        if (startFrame < 0 || startFrame + path.Length > emissions.Frames)
            throw new ArgumentOutOfRangeException(nameof(startFrame),
                $"Path of {path.Length} frames from frame {startFrame} runs past the {emissions.Frames} frames.");
        var sum = 0.0;
        var data = emissions.LogProbs;
        var width = emissions.VocabularySize;
        for (var t = 0; t < path.Length; t++)
        {
            if ((uint)path[t] >= (uint)width)
                throw new ArgumentException($"Path id {path[t]} at frame {t} is outside vocabulary {width}.", nameof(path));
            sum += data[(startFrame + t) * width + path[t]];
        }
        return sum;
    }
}
