using System.Diagnostics;

namespace CtcAlign.Pipeline;

/// <summary>
/// Busy time per <see cref="PipelineStage"/>, summed over files and threads (so stages that overlap can add up to
/// more than the wall time), plus how many windows the model ran in how many calls. Thread-safe.
/// </summary>
public sealed class StageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<PipelineStage>().Length];
    private long _windows;
    private long _batches;

    public TimeSpan this[PipelineStage stage] => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage]));

    /// <summary>Windows run through the model.</summary>
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Model calls (a call runs up to the batch size of windows, from one file or several).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a stage.</summary>
    public void AddSince(PipelineStage stage, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);

    internal void AddTicks(PipelineStage stage, long stopwatchTicks) => Interlocked.Add(ref _ticks[(int)stage], stopwatchTicks);

    internal void CountBatch(int windows)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _windows, windows);
    }
}
