using System.Diagnostics;
using System.Globalization;
using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Progress;

/// <summary>The --stats line: busy time per stage (summed over threads), model calls, CPU time and peak memory of this process.</summary>
public static class RunStatistics
{
    /// <summary>
    /// e.g. "stages: decode 3.1 s, infer 41.2 s (120 windows in 30 calls), align 4.0 s, store 0.3 s; CPU 50.1 s; peak memory 412 MB".
    /// Decode, infer and align come from <paramref name="aligner"/> when it reports them ("n/a" otherwise).
    /// </summary>
    public static string Line(IMonitoredAligner? aligner, StageTimes store)
    {
        using var process = Process.GetCurrentProcess();
        var t = aligner?.Times;
        string Stage(PipelineStage stage) => t is null ? "n/a" : Seconds(t[stage]);
        var windows = t is null ? "" : string.Create(CultureInfo.InvariantCulture, $" ({t.Windows} windows in {t.Batches} calls)");
        return string.Create(CultureInfo.InvariantCulture,
            $"stages: decode {Stage(PipelineStage.Decode)}, infer {Stage(PipelineStage.Infer)}{windows}, align {Stage(PipelineStage.Align)}, store {Seconds(store[PipelineStage.Store])}; CPU {Seconds(process.TotalProcessorTime)}; peak memory {process.PeakWorkingSet64 / (1024.0 * 1024):0} MB");
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s");
}
