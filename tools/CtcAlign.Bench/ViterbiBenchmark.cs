using System.Diagnostics;
using CtcAlign.Alignment;

namespace CtcAlign.Bench;

/// <summary>CTC Viterbi forced alignment of a 1,500-token text over 10 minutes of synthetic emissions (30,000 frames x 32 tokens).</summary>
internal static class ViterbiBenchmark
{
    public static int Run(string[] args)
    {
        var frames = SegmentationBenchmark.Option(args, "--frames", 30_000);
        var tokens = SegmentationBenchmark.Option(args, "--tokens", 1_500);
        var repeat = SegmentationBenchmark.Option(args, "--repeat", 3);
        var budgetMiB = SegmentationBenchmark.Option(args, "--backpointer-mib", 64);
        var options = new ViterbiOptions { MaxBackPointerBytes = budgetMiB * 1024L * 1024 };
        // One line of the requested length: Plant spreads its tokens over the middle 80% of the frames.
        var (emissions, text, firsts) = SyntheticEmissions.Plant(frames, 32, 1, seed: 3);
        var rng = new Random(4);
        var target = Enumerable.Range(0, tokens).Select(_ => 1 + rng.Next(31)).ToArray();
        var planted = PlantTokens(emissions, target);

        var (small, _, _) = SyntheticEmissions.Plant(2000, 32, 1, seed: 5);
        ViterbiAligner.Align(small, target.AsSpan(0, 100), SyntheticEmissions.Blank, options);

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var times = new List<double>();
        var cpu = new List<double>();
        ViterbiAlignment? result = null;
        for (var r = 0; r < repeat; r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = ViterbiAligner.Align(emissions, target, SyntheticEmissions.Blank, options);
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / repeat;
        var exact = result!.Tokens.Count(s => s.StartFrame == planted[s.TokenIndex]);
        var best = times.Min();
        var states = 2 * tokens + 1;
        Console.WriteLine($"viterbi: {frames} frames ({frames * 0.02 / 60:0.0} min at 20 ms), 32 tokens, text of {tokens} tokens ({states} states), back-pointer budget {budgetMiB} MiB");
        Console.WriteLine($"  time: best {best:0.000} s, mean {times.Average():0.000} s over {repeat} runs (one thread); CPU time best {cpu.Min():0.000} s; load average {SegmentationBenchmark.LoadAverage()}");
        Console.WriteLine($"  speed (wall): {frames / best:N0} frames/s, {(double)frames * states / best / 1e6:N0} M cells/s");
        Console.WriteLine($"  speed (CPU time): {frames / cpu.Min():N0} frames/s, {(double)frames * states / cpu.Min() / 1e6:N0} M cells/s");
        Console.WriteLine($"  memory: allocated {allocated / 1048576.0:0.0} MiB per run (full table would be {(double)frames * states / 1048576.0:0} MiB), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB");
        Console.WriteLine($"  check: {exact}/{tokens} tokens start at their planted frame");
        _ = text;
        _ = firsts;
        return exact == tokens ? 0 : 1;
    }

    /// <summary>Replaces the planted line with <paramref name="target"/>, one confident frame every frames/tokens frames.</summary>
    private static int[] PlantTokens(EmissionMatrix e, int[] target)
    {
        var v = e.VocabularySize;
        for (var t = 0; t < e.Frames; t++)
            for (var k = 1; k < v; k++)
                e.LogProbs[t * v + k] = Math.Min(e.LogProbs[t * v + k], -7f);
        for (var t = 0; t < e.Frames; t++)
            e.LogProbs[t * v + SyntheticEmissions.Blank] = -0.05f;
        var step = e.Frames / (target.Length + 1);
        var frames = new int[target.Length];
        for (var k = 0; k < target.Length; k++)
        {
            frames[k] = step / 2 + k * step;
            e.LogProbs[frames[k] * v + target[k]] = -0.05f;
            e.LogProbs[frames[k] * v + SyntheticEmissions.Blank] = -6f;
        }
        return frames;
    }
}
