using CtcAlign.Audio;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class DecodingClipSourceTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Clips_match_the_wav_reader_in_any_order_and_are_silent_past_the_end()
    {
        var wav = TestAudio.WriteWav(_dir.File("a.wav"), TestAudio.Ramp(3 * 16_000));
        using var decoding = new DecodingClipSource();
        var plain = new WavClipSource();
        foreach (var (start, count) in new[] { (1000L, 500), (20_000L, 8000), (4000L, 100), (47_900L, 400), (60_000L, 10) })
        {
            var expected = plain.ReadClip(wav, start, count);
            var actual = decoding.ReadClip(wav, start, count);
            Assert.Equal(count, actual.Length);
            for (var i = 0; i < count; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"clip at {start}: sample {i} is {actual[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void Media_at_another_rate_is_resampled_to_16_khz()
    {
        var wav = TestAudio.WriteWav(_dir.File("b.wav"), new float[44_100 * 2], sampleRate: 44_100, channels: 1);
        using var decoding = new DecodingClipSource();
        Assert.Equal(16_000, decoding.ReadClip(wav, 0, 16_000).Length);
        Assert.Throws<AudioFormatException>(() => new WavClipSource().ReadClip(wav, 0, 10));
        Assert.Throws<AudioFormatException>(() => decoding.ReadClip(_dir.File("missing.wav"), 0, 10));
    }
}
