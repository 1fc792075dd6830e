using CtcAlign.Audio;
using NAudio.Wave;

namespace CtcAlign.Tests.Audio;

public sealed class MonoMixSampleProviderTests
{
    /// <summary>Returns at most <c>maxRead</c> samples per call, splitting frames, like a real decoder may.</summary>
    private sealed class DribblingSource(float[] data, int channels, int maxRead) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(16000, channels);

        public int Read(float[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, maxRead), data.Length - _at);
            Array.Copy(data, _at, buffer, offset, n);
            _at += n;
            return n;
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 1000)]
    public void Averages_whole_frames_even_when_the_source_splits_them(int channels, int maxRead)
    {
        var frames = 50;
        var data = Enumerable.Range(0, frames * channels).Select(i => (float)i).ToArray();
        var mono = TestMedia.ReadAll(new MonoMixSampleProvider(new DribblingSource(data, channels, maxRead)), chunk: 7);

        var expected = Enumerable.Range(0, frames).Select(f => data.Skip(f * channels).Take(channels).Average()).ToArray();
        Assert.Equal(expected.Length, mono.Length);
        for (var i = 0; i < frames; i++)
            Assert.Equal(expected[i], mono[i], 4);
    }

    [Fact]
    public void ToMonoMix_returns_a_mono_source_unchanged()
    {
        var source = new DribblingSource([1f], 1, 1);
        Assert.Same(source, source.ToMonoMix());
        Assert.Same(source, source.ResampleTo(16000));
    }
}
