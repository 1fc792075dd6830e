using NAudio.Wave;

namespace CtcAlign.Tests.Acoustic;

/// <summary>In-memory mono source that hands out at most <c>maxRead</c> samples per call and counts what it delivered.</summary>
internal sealed class TestAudioSource(float[] samples, int sampleRate = 16000, int channels = 1, int maxRead = 3001, int? throwAfter = null) : ISampleProvider
{
    public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels);

    public long Delivered { get; private set; }

    public int Read(float[] buffer, int offset, int count)
    {
        if (throwAfter is { } limit && Delivered >= limit)
            throw new CtcAlign.Audio.AudioFormatException("broken.wav: corrupt data");
        var n = (int)Math.Min(Math.Min(count, maxRead), samples.Length - Delivered);
        Array.Copy(samples, Delivered, buffer, offset, n);
        Delivered += n;
        return n;
    }

    /// <summary>Deterministic speech-like noise.</summary>
    public static float[] Noise(int length, int seed = 7)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (var i = 0; i < length; i++)
            x[i] = (float)(0.3 * Math.Sin(i * 0.05) * (rng.NextDouble() - 0.5) + 0.05 * Math.Sin(i * 0.001));
        return x;
    }
}
