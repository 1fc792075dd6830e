using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// One file inside <see cref="ChannelMediaAligner"/>: its job, the bounded channel of emission blocks the shared
/// inference stage writes and the file's aligner reads, and whether the file still wants them.
/// </summary>
internal sealed class FileInFlight(MediaJob job, double? durationSeconds, int blockCapacity, CancellationToken token)
{
    private double _secondsDone;
    private volatile bool _abandoned;

    public MediaJob Job { get; } = job;

    public double? DurationSeconds { get; } = durationSeconds;

    /// <summary>Cancelled when the caller cancels, the pipeline is disposed, or the file's aligner is done.</summary>
    public CancellationToken Token { get; } = token;

    public Channel<EmissionMatrix> Emissions { get; } = Channel.CreateBounded<EmissionMatrix>(
        new BoundedChannelOptions(blockCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });

    /// <summary>True once the file's aligner has finished or failed: its windows still queued are dropped.</summary>
    public bool Abandoned => _abandoned || Token.IsCancellationRequested;

    public double SecondsDone => Volatile.Read(ref _secondsDone);

    public void Abandon() => _abandoned = true;

    /// <summary>Ends the file's emissions with an error (the aligner sees it after the blocks before it) and stops its work.</summary>
    public void Fail(Exception error)
    {
        Emissions.Writer.TryComplete(error);
        Abandon();
    }

    /// <summary>
    /// The file's emission blocks in order, as the aligner reads them; <paramref name="waitedTicks"/> accumulates the
    /// stopwatch ticks spent waiting for the next block.
    /// </summary>
    public async IAsyncEnumerable<EmissionMatrix> ReadBlocksAsync(StrongBox<long> waitedTicks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = Emissions.Reader;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                waitedTicks.Value += Stopwatch.GetTimestamp() - start;
            }
            if (!more)
                yield break;
            while (reader.TryRead(out var block))
            {
                Volatile.Write(ref _secondsDone, block.StartSeconds + block.DurationSeconds);
                yield return block;
            }
        }
    }

    public MediaProgress Progress() => new(Job.Id, SecondsDone, DurationSeconds);
}
