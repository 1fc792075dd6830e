using System.Buffers;
using NAudio.Wave;

namespace CtcAlign.Acoustic;

/// <summary>
/// Cuts a mono sample stream at the model's rate into the inference windows of a <see cref="WindowLayout"/>,
/// lazily, in order. Holds one window plus one sample: the sample past a window tells whether it is the last.
/// A stream shorter than <see cref="WindowLayout.MinimumSamples"/> is refused; an empty one gives no window.
/// </summary>
public static class AudioWindower
{
    public static IEnumerable<AudioWindow> Cut(ISampleProvider audio, WindowLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(layout);
        var d = layout.Description;
        if (audio.WaveFormat.Channels != 1 || audio.WaveFormat.SampleRate != d.SampleRate)
            throw new ArgumentException(
                $"Audio must be mono at {d.SampleRate} Hz; it is {audio.WaveFormat.Channels} ch at {audio.WaveFormat.SampleRate} Hz.", nameof(audio));
        return Windows(audio, layout, cancellationToken);
    }

    private static IEnumerable<AudioWindow> Windows(ISampleProvider audio, WindowLayout layout, CancellationToken cancellationToken)
    {
        var window = layout.WindowSamples;
        var core = layout.CoreSamples;
        var buffer = new float[window + 1];
        var count = 0; // buffer[0] is media sample k * core
        var ended = false;
        for (long k = 0; ; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (!ended && count < buffer.Length)
            {
                var n = audio.Read(buffer, count, buffer.Length - count);
                if (n <= 0)
                    ended = true;
                else
                    count += n;
            }
            var full = count > window;
            var length = full ? window : count;
            if (length == 0)
                yield break;
            if (!full && k == 0 && length < layout.MinimumSamples)
                throw new CtcAlignException(
                    $"The audio is only {length / (double)layout.Description.SampleRate:0.###} s long; at least {layout.MinimumSamples / (double)layout.Description.SampleRate:0.###} s is needed.");
            var samples = ArrayPool<float>.Shared.Rent(length);
            buffer.AsSpan(0, length).CopyTo(samples);
            yield return new AudioWindow(k, samples, length, isLast: !full);
            if (!full)
                yield break;
            Array.Copy(buffer, core, buffer, 0, count - core);
            count -= core;
        }
    }
}
