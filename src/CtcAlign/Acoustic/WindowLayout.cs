namespace CtcAlign.Acoustic;

/// <summary>
/// Where inference windows fall in a sample stream and which of their frames are kept. Window k reads samples
/// <c>[k*C, k*C + C + 2L)</c> (C = <see cref="CoreSamples"/>, L = <see cref="ContextSamples"/>, whole frames) and
/// keeps frames <c>[k*C + L, k*C + C + L)</c> (the first window from 0, the last to the end of its output), so the
/// block of window k+1 starts exactly where the block of window k ends.
/// </summary>
public sealed class WindowLayout
{
    public WindowLayout(ModelDescription description, EmissionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        options ??= EmissionOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WindowSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ContextSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        Description = description;
        StrideSamples = description.FrameStrideSamples;
        var framesPerSecond = description.SampleRate / (double)StrideSamples;
        CoreSamples = Math.Max(1, (int)Math.Round(options.WindowSeconds * framesPerSecond)) * StrideSamples;
        ContextSamples = (int)Math.Round(options.ContextSeconds * framesPerSecond) * StrideSamples;
        WindowSamples = CoreSamples + 2 * ContextSamples;
        BatchSize = options.BatchSize;
    }

    public ModelDescription Description { get; }

    public int StrideSamples { get; }

    /// <summary>Samples whose frames a window keeps (C).</summary>
    public int CoreSamples { get; }

    /// <summary>Samples of context fed on each side of the kept part (L).</summary>
    public int ContextSamples { get; }

    /// <summary>Samples a full window feeds the model: C + 2L.</summary>
    public int WindowSamples { get; }

    /// <summary>Full windows run together in one model call.</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Shortest audio accepted: 0.1 s or two frames, whichever is longer (convolutional front ends fail on less,
    /// and such a file is almost always a broken one).
    /// </summary>
    public int MinimumSamples => Math.Max(2 * StrideSamples, Description.SampleRate / 10);
}
