using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Pulls emission blocks from a stream into an <see cref="EmissionBuffer"/> only as far as the current window needs.
/// </summary>
public sealed class EmissionFeed : IAsyncDisposable
{
    private readonly IAsyncEnumerator<EmissionMatrix> _blocks;

    public EmissionFeed(IAsyncEnumerable<EmissionMatrix> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        _blocks = blocks.GetAsyncEnumerator(cancellationToken);
    }

    public EmissionBuffer Buffer { get; } = new();

    /// <summary>True once the stream has ended: <see cref="EmissionBuffer.EndFrame"/> is then the file's length.</summary>
    public bool Ended { get; private set; }

    /// <summary>Reads blocks until frame <paramref name="absoluteEnd"/> is buffered or the stream ends.</summary>
    public async ValueTask FillToAsync(int absoluteEnd)
    {
        while (!Ended && (Buffer.IsEmpty || Buffer.EndFrame < absoluteEnd))
        {
            if (await _blocks.MoveNextAsync().ConfigureAwait(false))
                Buffer.Append(_blocks.Current);
            else
                Ended = true;
        }
    }

    /// <summary>Reads the next block (if any); false when the stream has ended.</summary>
    public async ValueTask<bool> ReadNextAsync()
    {
        if (Ended)
            return false;
        if (await _blocks.MoveNextAsync().ConfigureAwait(false))
        {
            Buffer.Append(_blocks.Current);
            return true;
        }
        Ended = true;
        return false;
    }

    public ValueTask DisposeAsync() => _blocks.DisposeAsync();
}
