using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

public sealed class ResamplingTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private float[] Resample(double frequency, int from, int to)
    {
        var n = from * 2;
        var mono = new float[n];
        for (var i = 0; i < n; i++)
            mono[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / from));
        var path = _media.WriteWav($"f{frequency}.wav", mono, from, 1, 32, isFloat: true);
        using var audio = MediaDecoder.Open(path, to);
        return TestMedia.ReadAll(audio);
    }

    [Theory]
    [InlineData(1000, 44100, 16000)]
    [InlineData(3000, 44100, 16000)]
    [InlineData(6000, 44100, 16000)]
    [InlineData(6500, 48000, 16000)]
    [InlineData(3000, 8000, 16000)]
    [InlineData(5000, 22050, 16000)]
    [InlineData(440, 16001, 16000)]
    public void Passes_speech_band_tones_unchanged(double frequency, int from, int to)
    {
        var y = Resample(frequency, from, to);

        Assert.Equal((int)Math.Ceiling(2L * from * (double)to / from), y.Length);
        // Compare with the ideal resampled tone, sample by sample, away from the edges: no delay, no gain change.
        var worst = 0.0;
        for (var m = to / 10; m < y.Length - to / 10; m++)
            worst = Math.Max(worst, Math.Abs(y[m] - 0.5 * Math.Sin(2 * Math.PI * frequency * m / to)));
        Assert.True(worst < 0.01, $"max error {worst}");
    }

    [Theory]
    [InlineData(8400)]
    [InlineData(9000)]
    [InlineData(12000)]
    [InlineData(18000)]
    public void Suppresses_tones_above_the_new_nyquist(double frequency)
    {
        var y = Resample(frequency, 44100, 16000);
        var rms = TestMedia.Rms(y.AsSpan(1600, 28800));
        Assert.True(rms < 0.5 / Math.Sqrt(2) * 0.001, $"aliased rms {rms}"); // at least 60 dB down
    }

    [Fact]
    public void Output_does_not_depend_on_read_sizes()
    {
        var path = _media.WriteWav("noise.wav", CtcAlign.Tests.Acoustic.TestAudioSource.Noise(30000), 44100, 1, 16);
        using var a = MediaDecoder.Open(path, 16000);
        using var b = MediaDecoder.Open(path, 16000);

        Assert.Equal(TestMedia.ReadAll(a, chunk: 4096), TestMedia.ReadAll(b, chunk: 7));
    }

    [Fact]
    public void Rejects_multichannel_sources()
    {
        var stereo = new MonoMixSampleProviderTestsSource(2);
        var ex = Assert.Throws<ArgumentException>(() => new SincResamplingSampleProvider(stereo, 16000));
        Assert.StartsWith("Source must be mono; it has 2 channels.", ex.Message);
    }

    private sealed class MonoMixSampleProviderTestsSource(int channels) : NAudio.Wave.ISampleProvider
    {
        public NAudio.Wave.WaveFormat WaveFormat { get; } = NAudio.Wave.WaveFormat.CreateIeeeFloatWaveFormat(44100, channels);

        public int Read(float[] buffer, int offset, int count) => 0;
    }
}
