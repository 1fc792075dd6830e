using System.Buffers;

namespace CtcAlign.Acoustic;

/// <summary>
/// One inference window cut from a sample stream: window <see cref="Index"/> of its file, <see cref="Length"/>
/// samples at the start of <see cref="Samples"/> (a buffer rented from the shared pool, possibly longer).
/// <see cref="IsLast"/>: the stream ends inside this window, so all its frames up to the end are kept.
/// Whoever consumes the window calls <see cref="Release"/> once its samples are copied.
/// </summary>
public sealed class AudioWindow
{
    private float[]? _samples;

    internal AudioWindow(long index, float[] samples, int length, bool isLast)
    {
        Index = index;
        _samples = samples;
        Length = length;
        IsLast = isLast;
    }

    public long Index { get; }

    public int Length { get; }

    public bool IsLast { get; }

    public ReadOnlySpan<float> Samples =>
        (_samples ?? throw new InvalidOperationException($"Window {Index} was already released.")).AsSpan(0, Length);

    /// <summary>Gives the buffer back to the pool; the samples are gone after this.</summary>
    public void Release()
    {
        var samples = Interlocked.Exchange(ref _samples, null);
        if (samples is not null)
            ArrayPool<float>.Shared.Return(samples);
    }
}
