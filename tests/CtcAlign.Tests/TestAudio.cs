using NAudio.Wave;

namespace CtcAlign.Tests;

/// <summary>Synthesised test audio: a ramp whose value tells the sample index, written as 16-bit PCM WAV.</summary>
public static class TestAudio
{
    /// <summary>Sample i has value (i % 1000) / 1000 - 0.5, so a clip's first sample tells where it was cut.</summary>
    public static float[] Ramp(int count) => Enumerable.Range(0, count).Select(i => (i % 1000) / 1000f - 0.5f).ToArray();

    public static string WriteWav(string path, float[] samples, int sampleRate = 16_000, int channels = 1)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(sampleRate, 16, channels));
        writer.WriteSamples(samples, 0, samples.Length);
        return path;
    }

    public static float[] ReadWav(string path, out WaveFormat format)
    {
        using var reader = new WaveFileReader(path);
        format = reader.WaveFormat;
        var provider = reader.ToSampleProvider();
        var samples = new float[reader.SampleCount * format.Channels];
        var n = 0;
        int read;
        while ((read = provider.Read(samples, n, samples.Length - n)) > 0)
            n += read;
        return samples[..n];
    }
}
