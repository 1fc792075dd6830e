using CtcAlign.Alignment;

namespace CtcAlign.Bench.Awp;

/// <summary>
/// CTC-like log-probabilities with a known alignment: each token emits for 1-3 frames, blanks dominate the gaps,
/// the frame before an onset often already leans toward the token (the late-emission pattern of peaky CTC).
/// </summary>
public static class SyntheticEmissions
{
    /// <summary>Emissions of <paramref name="frames"/> frames spelling <paramref name="tokens"/> random tokens (ids 1..V-1, blank 0).</summary>
    public static (EmissionMatrix Emissions, int[] Target) Make(int frames, int tokens, int vocabulary, Random random, double frameSeconds = 0.02)
    {
        var target = new int[tokens];
        for (var u = 0; u < tokens; u++)
            do target[u] = 1 + random.Next(vocabulary - 1); while (u > 0 && target[u] == target[u - 1]);

        // Spread onsets over the frames with random gaps.
        var label = new int[frames];
        var lean = new int[frames];
        Array.Fill(lean, -1);
        var slot = frames / (double)tokens;
        for (var u = 0; u < tokens; u++)
        {
            var onset = (int)(u * slot + random.NextDouble() * Math.Max(0, slot - 3));
            var length = 1 + random.Next(Math.Min(3, Math.Max(1, (int)slot - 1)));
            for (var k = 0; k < length && onset + k < frames; k++)
                label[onset + k] = target[u];
            if (onset > 0 && label[onset - 1] == 0)
                lean[onset - 1] = target[u];
        }

        var data = new float[frames * vocabulary];
        var p = new double[vocabulary];
        for (var t = 0; t < frames; t++)
        {
            var sum = 0.0;
            for (var v = 0; v < vocabulary; v++)
                sum += p[v] = random.NextDouble() * 0.02;
            var top = label[t] != 0 ? 0.6 + 0.35 * random.NextDouble() : 0.75 + 0.24 * random.NextDouble();
            var rest = 1 - top;
            for (var v = 0; v < vocabulary; v++)
                p[v] *= rest * 0.3 / sum;
            p[label[t]] += top;
            if (label[t] != 0)
                p[0] += rest * 0.7;
            else if (lean[t] >= 0 && random.NextDouble() < 0.5)
            {
                // Some of the blank's mass goes to the coming token.
                var share = 0.2 + 0.25 * random.NextDouble();
                p[lean[t]] += top * share;
                p[0] -= top * share;
                p[0] += rest * 0.7;
            }
            else
                p[0] += rest * 0.7;
            for (var v = 0; v < vocabulary; v++)
                data[t * vocabulary + v] = (float)Math.Log(p[v]);
        }
        return (new EmissionMatrix(data, frames, vocabulary, frameSeconds), target);
    }
}
