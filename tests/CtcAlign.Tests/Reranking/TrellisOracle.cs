using CtcAlign.Alignment;
using CtcAlign.Reranking;

namespace CtcAlign.Tests.Reranking;

/// <summary>Brute force over every label sequence of a tiny emission matrix: the oracle for the trellis code.</summary>
internal static class TrellisOracle
{
    /// <summary>Random log-softmax emissions, [frames, vocabulary], reproducible from the seed.</summary>
    public static EmissionMatrix RandomEmissions(int frames, int vocabulary, int seed, double sharpness = 2.0, double frameSeconds = 0.02)
    {
        var random = new Random(seed);
        var data = new float[frames * vocabulary];
        for (var t = 0; t < frames; t++)
        {
            var logits = Enumerable.Range(0, vocabulary).Select(_ => random.NextDouble() * sharpness * 2).ToArray();
            var max = logits.Max();
            var norm = Math.Log(logits.Sum(l => Math.Exp(l - max))) + max;
            for (var v = 0; v < vocabulary; v++)
                data[t * vocabulary + v] = (float)(logits[v] - norm);
        }
        return new EmissionMatrix(data, frames, vocabulary, frameSeconds);
    }

    /// <summary>Emissions from per-frame probabilities (rows need not sum to one: they are normalised).</summary>
    public static EmissionMatrix FromProbabilities(double[,] p, double frameSeconds = 0.02)
    {
        int frames = p.GetLength(0), vocabulary = p.GetLength(1);
        var data = new float[frames * vocabulary];
        for (var t = 0; t < frames; t++)
        {
            var sum = 0.0;
            for (var v = 0; v < vocabulary; v++)
                sum += p[t, v];
            for (var v = 0; v < vocabulary; v++)
                data[t * vocabulary + v] = (float)Math.Log(p[t, v] / sum);
        }
        return new EmissionMatrix(data, frames, vocabulary, frameSeconds);
    }

    /// <summary>Every label sequence of the given length over the vocabulary (V^T of them).</summary>
    public static IEnumerable<int[]> AllPaths(int frames, int vocabulary)
    {
        var path = new int[frames];
        while (true)
        {
            yield return (int[])path.Clone();
            var i = frames - 1;
            while (i >= 0 && ++path[i] == vocabulary)
                path[i--] = 0;
            if (i < 0)
                yield break;
        }
    }

    /// <summary>Paths over the whole matrix that collapse to the target, keyed by their text form, with log p(a).</summary>
    public static Dictionary<string, double> ValidPaths(EmissionMatrix e, int[] target, int blank) =>
        AllPaths(e.Frames, e.VocabularySize)
            .Where(p => CtcPath.CollapsesTo(p, target, blank))
            .ToDictionary(Key, p => CtcPath.LogProbability(e, 0, p));

    public static string Key(int[] path) => string.Join(",", path);

    public static double LogSumExp(IEnumerable<double> values)
    {
        var list = values.ToList();
        var max = list.Max();
        return Math.Log(list.Sum(v => Math.Exp(v - max))) + max;
    }
}
