using CtcAlign.Alignment;

namespace CtcAlign.Bench;

/// <summary>Synthetic CTC emissions with planted utterances: each token one confident frame, blanks between, silence between lines.</summary>
internal static class SyntheticEmissions
{
    public const int Blank = 0;

    /// <summary>
    /// <paramref name="frames"/> frames of a <paramref name="vocabulary"/>-token model holding <paramref name="utterances"/>
    /// lines of 50-70 random tokens, spread evenly. Returns the emissions, the lines, and each line's first-token frame.
    /// </summary>
    public static (EmissionMatrix Emissions, int[][] Utterances, int[] FirstTokenFrames) Plant(int frames, int vocabulary, int utterances, int seed)
    {
        var rng = new Random(seed);
        var text = new int[utterances][];
        for (var i = 0; i < utterances; i++)
            text[i] = Enumerable.Range(0, 50 + rng.Next(21)).Select(_ => 1 + rng.Next(vocabulary - 1)).ToArray();
        var lp = new float[(long)frames * vocabulary];
        for (long k = 0; k < lp.Length; k++)
            lp[k] = -7f - 2f * (float)rng.NextDouble();
        var labels = new int[frames];
        var firsts = new int[utterances];
        var perLine = frames / utterances;
        for (var i = 0; i < utterances; i++)
        {
            var t = i * perLine + perLine / 10;
            var step = Math.Max(1, perLine * 8 / 10 / text[i].Length);
            firsts[i] = t;
            foreach (var token in text[i])
            {
                labels[t] = token;
                t += step;
            }
        }
        for (var t = 0; t < frames; t++)
            lp[(long)t * vocabulary + labels[t]] = -0.02f - 0.2f * (float)rng.NextDouble();
        return (new EmissionMatrix(lp, frames, vocabulary, 0.02), text, firsts);
    }
}
