using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace CtcAlign.Audio;

/// <summary>Fluent steps of the decoding chain; each returns the source unchanged when there is nothing to do.</summary>
public static class SampleProviderExtensions
{
    /// <summary>Averages all channels into one.</summary>
    public static ISampleProvider ToMonoMix(this ISampleProvider source) =>
        source.WaveFormat.Channels == 1 ? source : new MonoMixSampleProvider(source);

    /// <summary>Resamples to <paramref name="sampleRate"/> with NAudio's WDL resampler (interpolation plus anti-alias low-pass filtering).</summary>
    public static ISampleProvider ResampleTo(this ISampleProvider source, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return source.WaveFormat.SampleRate == sampleRate ? source : new WdlResamplingSampleProvider(source, sampleRate);
    }

    /// <summary>Reads until <paramref name="count"/> samples are in or the source ends; returns how many were read.</summary>
    public static int ReadFully(this ISampleProvider source, float[] buffer, int offset, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = source.Read(buffer, offset + total, count - total);
            if (n <= 0)
                break;
            total += n;
        }
        return total;
    }
}
