using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.Reranking;

/// <summary>
/// Align-With-Purpose latency re-ranking at inference (ALGORITHMS.md section 4): among the Viterbi path a0, exact
/// posterior samples and latency variants of a0, keep those that collapse to the target, score log p(a), and
/// choose the earliest mean onset among candidates within Lambda nats of log p(a0); ties go to the higher log p.
/// </summary>
public static class LatencyReranker
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Re-ranks the alignments of <paramref name="target"/> over frames <c>[startFrame, endFrame)</c>.
    /// </summary>
    /// <param name="viterbiPath">a0 as one token id per frame of the range; null to compute it here.</param>
    /// <param name="propertyTokens">Indices into the target whose onsets make the latency property (e.g. each word's
    /// first token); null for every token.</param>
    public static LatencyRerankResult Rerank(
        EmissionMatrix emissions,
        int startFrame,
        int endFrame,
        int[] target,
        int blank,
        LatencyRerankOptions? options = null,
        int[]? viterbiPath = null,
        IReadOnlyList<int>? propertyTokens = null)
    {
        options ??= new LatencyRerankOptions();
        options.Validate();
        CtcTrellis.Validate(emissions, startFrame, endFrame, target, blank);
        var frames = endFrame - startFrame;
        var a0 = viterbiPath ?? CtcTrellis.BestPath(emissions, startFrame, endFrame, target, blank);
        if (a0.Length != frames)
            throw new ArgumentException($"Viterbi path has {a0.Length} frames; the range has {frames}.", nameof(viterbiPath));
        if (!CtcPath.CollapsesTo(a0, target, blank))
            throw new ArgumentException("Viterbi path does not collapse to the target.", nameof(viterbiPath));
        var property = propertyTokens?.ToArray() ?? Enumerable.Range(0, target.Length).ToArray();
        if (property.Length == 0 || property.Any(u => u < 0 || u >= target.Length))
            throw new ArgumentException($"Property token indices must be a non-empty subset of 0..{target.Length - 1}.", nameof(propertyTokens));

        var candidates = new List<(int[] Path, string Source)> { (a0, "viterbi") };
        var random = new Random(options.Seed);
        if (options.SampleWindow > 0 && options.SampleWindow < frames)
        {
            for (var i = 0; i < options.Samples; i++)
            {
                var start = random.Next(0, frames - options.SampleWindow + 1);
                candidates.Add((AlignmentSampler.Resample(emissions, startFrame, target, blank, a0, start, start + options.SampleWindow, random),
                    "window sample"));
            }
        }
        else if (options.Samples > 0)
        {
            foreach (var sample in AlignmentSampler.Sample(emissions, startFrame, endFrame, target, blank, options.Samples, random))
                candidates.Add((sample, "sample"));
        }
        double FrameCost(int u, int t) => emissions[startFrame + t, blank] - emissions[startFrame + t, target[u]];
        foreach (var variant in LatencyVariants.Generate(a0, blank, options.MaxShift, FrameCost))
            candidates.Add((variant, "variant"));

        var a0LogP = CtcPath.LogProbability(emissions, startFrame, a0);
        var best = (Path: a0, Source: "viterbi", LogP: a0LogP, Latency: Latency(a0, blank, property));
        var valid = 0;
        foreach (var (path, source) in candidates)
        {
            if (path.Length != frames || !CtcPath.CollapsesTo(path, target, blank))
                continue;
            valid++;
            var logP = CtcPath.LogProbability(emissions, startFrame, path);
            if (logP < a0LogP - options.Lambda - Tolerance)
                continue;
            var latency = Latency(path, blank, property);
            if (latency < best.Latency - Tolerance || (Math.Abs(latency - best.Latency) <= Tolerance && logP > best.LogP + Tolerance))
                best = (path, source, logP, latency);
        }

        var before = CtcPath.Onsets(a0, blank);
        var after = CtcPath.Onsets(best.Path, blank);
        var shifts = new int[target.Length];
        for (var u = 0; u < shifts.Length; u++)
            shifts[u] = before[u] - after[u];
        var moved = shifts.Where(s => s != 0).ToArray();
        var meanMs = moved.Length == 0 ? 0 : moved.Average() * emissions.FrameSeconds * 1000;
        var delta = best.LogP - a0LogP;
        return new LatencyRerankResult(best.Path, best.LogP, delta, shifts, meanMs, best.Source, valid,
            Describe(shifts, emissions.FrameSeconds, delta, valid));
    }

    /// <summary>Mean onset frame of the chosen tokens of a path (the latency property; lower is earlier).</summary>
    public static double Latency(ReadOnlySpan<int> path, int blank, IReadOnlyList<int> propertyTokens)
    {
        var onsets = CtcPath.Onsets(path, blank);
        var sum = 0.0;
        foreach (var u in propertyTokens)
            sum += onsets[u];
        return sum / propertyTokens.Count;
    }

    /// <summary>
    /// The note for <see cref="AlignedSegment.RerankNote"/>: "3 onsets moved earlier by 20-40 ms, mean 27 ms, -0.42 nats",
    /// or "unchanged (37 candidates)".
    /// </summary>
    public static string Describe(IReadOnlyList<int> shiftFrames, double frameSeconds, double logProbabilityDelta, int candidates)
    {
        var earlier = shiftFrames.Where(s => s > 0).Select(s => s * frameSeconds * 1000).ToArray();
        var later = shiftFrames.Where(s => s < 0).Select(s => -s * frameSeconds * 1000).ToArray();
        if (earlier.Length == 0 && later.Length == 0)
            return $"unchanged ({candidates} candidates)";
        var parts = new List<string>();
        if (earlier.Length > 0)
            parts.Add($"{Count(earlier.Length, "onset")} moved earlier by {Range(earlier)}");
        if (later.Length > 0)
            parts.Add(earlier.Length > 0
                ? $"{later.Length} later by {Range(later)}"
                : $"{Count(later.Length, "onset")} moved later by {Range(later)}");
        var signed = shiftFrames.Where(s => s != 0).Average() * frameSeconds * 1000;
        if (earlier.Length + later.Length > 1)
            parts.Add(later.Length == 0 ? $"mean {Ms(signed)} ms"
                : $"mean {Ms(Math.Abs(signed))} ms {(signed >= 0 ? "earlier" : "later")}");
        parts.Add($"{logProbabilityDelta.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} nats");
        return string.Join(", ", parts);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Range(double[] ms)
    {
        double low = ms.Min(), high = ms.Max();
        return Ms(low) == Ms(high) ? $"{Ms(low)} ms" : $"{Ms(low)}-{Ms(high)} ms";
    }

    private static string Ms(double ms) => Math.Round(ms).ToString("0", CultureInfo.InvariantCulture);
}
