using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>Fluent steps of the decoding chain; each returns the source unchanged when there is nothing to do.</summary>
public static class SampleProviderExtensions
{
    /// <summary>Averages all channels into one.</summary>
    public static ISampleProvider ToMonoMix(this ISampleProvider source) =>
        source.WaveFormat.Channels == 1 ? source : new MonoMixSampleProvider(source);

    /// <summary>Resamples a mono source to <paramref name="sampleRate"/> with <see cref="SincResamplingSampleProvider"/>.</summary>
    public static ISampleProvider ResampleTo(this ISampleProvider source, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return source.WaveFormat.SampleRate == sampleRate ? source : new SincResamplingSampleProvider(source, sampleRate);
    }
}
