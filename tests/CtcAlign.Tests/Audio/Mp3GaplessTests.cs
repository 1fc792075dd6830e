using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

/// <summary>MP3 through NLayer starts on time: the encoder and decoder delay and the end padding are removed, as ffmpeg does.</summary>
public sealed class Mp3GaplessTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    /// <summary>Two seconds of silence with noise bursts at 0.3, 0.9 and 1.5 s.</summary>
    private static float[] Bursts(int rate)
    {
        var x = new float[2 * rate];
        var random = new Random(7);
        foreach (var t in new[] { 0.3, 0.9, 1.5 })
            for (var i = 0; i < 200; i++)
                x[(int)(t * rate) + i] = (float)(random.NextDouble() * 1.6 - 0.8);
        return x;
    }

    /// <summary>The lag (in samples) of <paramref name="decoded"/> against <paramref name="original"/> by cross-correlation around each burst.</summary>
    private static int Lag(float[] original, float[] decoded, int rate)
    {
        var (best, bestScore) = (0, double.NegativeInfinity);
        for (var lag = -1500; lag <= 1500; lag++)
        {
            double score = 0;
            foreach (var t in new[] { 0.3, 0.9, 1.5 })
                for (int i = (int)(t * rate) - 100, end = i + 400; i < end; i++)
                    if (i + lag >= 0 && i + lag < decoded.Length)
                        score += original[i] * decoded[i + lag];
            if (score > bestScore)
                (best, bestScore) = (lag, score);
        }
        return best;
    }

    [Theory]
    [InlineData(44100, "64k")] // MPEG-1, 1152 samples a frame
    [InlineData(16000, "32k")] // MPEG-2, 576 samples a frame
    public void An_ffmpeg_made_mp3_decodes_on_time_and_as_long_as_the_wav(int rate, string bitrate)
    {
        var original = Bursts(rate);
        var wav = TestAudio.WriteWav(_media.PathOf($"b{rate}.wav"), original, rate);
        var mp3 = _media.PathOf($"b{rate}.mp3");
        TestMedia.Ffmpeg("-i", wav, "-c:a", "libmp3lame", "-b:a", bitrate, mp3);

        using var nlayer = MediaDecoder.Open(mp3, rate);
        Assert.StartsWith("NLayer MP3", nlayer.Decoder);
        var decoded = TestMedia.ReadAll(nlayer);
        using var ffmpeg = MediaDecoder.Open(mp3, rate, new MediaDecoderOptions(ForceFfmpeg: true));
        var byFfmpeg = TestMedia.ReadAll(ffmpeg);

        Assert.InRange(Lag(original, decoded, rate), -rate / 1000, rate / 1000); // within 1 ms of the WAV
        Assert.Equal(0, Lag(byFfmpeg, decoded, rate));
        Assert.Equal(original.Length, decoded.Length);
        Assert.Equal(byFfmpeg.Length, decoded.Length);
        Assert.Equal(2.0, nlayer.DurationSeconds!.Value, 6);
    }

    /// <summary>A Layer III frame header (MPEG-1, 64 kb/s, 44.1 kHz, joint stereo), 32 bytes of side information, then <paramref name="tag"/>.</summary>
    private static byte[] Frame(params byte[][] tag) => [0xFF, 0xFB, 0x50, 0x40, .. new byte[32], .. tag.SelectMany(t => t)];

    private static byte[] Be32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    /// <summary>9-byte encoder string, revision, lowpass, replay gain, flags, bitrate, then delay and padding in 12 bits each.</summary>
    private static byte[] LameTag(string encoder, int delay, int padding) =>
        [.. System.Text.Encoding.ASCII.GetBytes(encoder.PadRight(9)[..9]), .. new byte[12], (byte)(delay >> 4), (byte)((delay & 0xF) << 4 | padding >> 8), (byte)padding];

    [Fact]
    public void The_lame_tag_gives_the_skip_and_the_length()
    {
        var info = Mp3GaplessInfo.Parse(Frame("Info"u8.ToArray(), Be32(0x0F), Be32(78), Be32(16000), new byte[100], Be32(0), LameTag("LAME3.100", 576, 1080)));
        Assert.Equal(new Mp3GaplessInfo(576 + 529, 78 * 1152 - 576 - 1080, true), info);
        var framesOnly = Mp3GaplessInfo.Parse(Frame("Xing"u8.ToArray(), Be32(0x01), Be32(10), LameTag("Lavc61.19", 1105, 300)));
        Assert.Equal(new Mp3GaplessInfo(1105 + 529, 10 * 1152 - 1105 - 300, true), framesOnly);
    }

    [Fact]
    public void Without_a_lame_tag_the_usual_lame_delay_is_skipped_and_the_length_kept()
    {
        Assert.Equal(Mp3GaplessInfo.Default, Mp3GaplessInfo.Parse(Frame(new byte[200]))); // an audio frame
        Assert.Equal(Mp3GaplessInfo.Default, Mp3GaplessInfo.Parse(Frame("Xing"u8.ToArray(), Be32(0x01), Be32(10), LameTag("GOGO", 1, 2)))); // another encoder
        Assert.Equal(Mp3GaplessInfo.Default, Mp3GaplessInfo.Parse(Frame("Info"u8.ToArray(), Be32(0x0F)))); // cut short
        Assert.Equal(Mp3GaplessInfo.Default, Mp3GaplessInfo.Parse([0x49, 0x44, 0x33]));
        Assert.Equal(576 + 529, Mp3GaplessInfo.Default.SkipSamples);
    }
}
