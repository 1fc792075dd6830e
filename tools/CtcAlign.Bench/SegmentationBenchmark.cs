using System.Diagnostics;
using CtcAlign.Alignment;

namespace CtcAlign.Bench;

/// <summary>ctc-segmentation of 1 hour of synthetic emissions (180,000 frames x 32 tokens, 600 lines of 50-70 tokens).</summary>
internal static class SegmentationBenchmark
{
    public static int Run(string[] args)
    {
        var frames = Option(args, "--frames", 180_000);
        var lines = Option(args, "--lines", 600);
        var repeat = Option(args, "--repeat", 3);
        var options = args.Contains("--star") ? new CtcSegmentationOptions { StarLogProb = 0f } : CtcSegmentationOptions.Default;
        var (emissions, text, firsts) = SyntheticEmissions.Plant(frames, 32, lines, seed: 1);
        var columns = 2 + text.Length + text.Sum(u => u.Length);

        // Warm up the JIT on a small input so timings measure the algorithm.
        var (small, smallText, _) = SyntheticEmissions.Plant(6000, 32, 20, seed: 2);
        CtcSegmenter.Segment(small, smallText, SyntheticEmissions.Blank, options);

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var times = new List<double>();
        var cpu = new List<double>();
        SegmentationResult? result = null;
        for (var r = 0; r < repeat; r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = CtcSegmenter.Segment(emissions, text, SyntheticEmissions.Blank, options);
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / repeat;
        var exact = result!.Utterances.Count(u => u.TokenStartFrames[0] == firsts[u.Index]);
        var best = times.Min();
        var cells = (double)columns * result.WindowFrames;
        Console.WriteLine($"segmentation: {frames} frames ({frames * 0.02 / 3600:0.00} h at 20 ms), 32 tokens, {lines} lines, {columns} columns, window {result.WindowFrames}{(options.StarLogProb is null ? "" : ", star 0")}");
        Console.WriteLine($"  time: best {best:0.000} s, mean {times.Average():0.000} s over {repeat} runs (one thread); CPU time best {cpu.Min():0.000} s; load average {LoadAverage()}");
        var bestCpu = cpu.Min();
        Console.WriteLine($"  speed (wall): {frames / best:N0} frames/s, {cells / best / 1e6:N0} M cells/s, {frames * 0.02 / best:N0} x real time");
        Console.WriteLine($"  speed (CPU time): {frames / bestCpu:N0} frames/s, {cells / bestCpu / 1e6:N0} M cells/s, {frames * 0.02 / bestCpu:N0} x real time");
        Console.WriteLine($"  memory: allocated {allocated / 1048576.0:0.0} MiB per run, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB (emissions {emissions.LogProbs.Length * 4 / 1048576.0:0} MiB)");
        Console.WriteLine($"  check: {exact}/{lines} lines start at their planted frame; median rho {result.Utterances.Select(u => u.Rho).Order().ElementAt(lines / 2):0.000}");
        return exact == lines ? 0 : 1;
    }

    /// <summary>The 1-minute load average (Linux), so readers can judge timings taken on a busy machine.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
