using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

public sealed class MediaDecoderTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Theory]
    [InlineData(8, false, false, 1.0 / 100)]
    [InlineData(16, false, false, 1e-4)]
    [InlineData(24, false, false, 1e-6)]
    [InlineData(32, false, false, 1e-6)]
    [InlineData(32, true, false, 1e-7)]
    [InlineData(64, true, false, 1e-7)]
    [InlineData(16, false, true, 1e-4)]
    [InlineData(24, false, true, 1e-6)]
    [InlineData(32, true, true, 1e-7)]
    public void Wav_at_its_own_rate_decodes_to_the_mono_mix(int bits, bool isFloat, bool extensible, double tolerance)
    {
        var stereo = TestMedia.StereoSine(44100, 0.5);
        var path = _media.WriteWav($"tone{bits}{isFloat}{extensible}.wav", stereo, 44100, 2, bits, isFloat, extensible);

        using var audio = MediaDecoder.Open(path, 44100);
        var mono = TestMedia.ReadAll(audio, chunk: 1000);

        Assert.Equal(MediaContainer.Wav, audio.Container);
        Assert.StartsWith($"NAudio WAV ({bits}-bit", audio.Decoder);
        Assert.Equal(stereo.Length / 2, mono.Length);
        Assert.Equal(0.5, audio.DurationSeconds!.Value, 6);
        for (var i = 0; i < mono.Length; i++)
            Assert.True(Math.Abs(mono[i] - (stereo[2 * i] + stereo[2 * i + 1]) / 2) <= tolerance, $"sample {i}: {mono[i]}");
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    [InlineData(48000)]
    public void Wav_resampled_keeps_length_pitch_and_level(int rate)
    {
        var path = _media.WriteWav("tone.wav", TestMedia.StereoSine(44100, 2.0), 44100, 2, 16);

        using var audio = MediaDecoder.Open(path, rate);
        var mono = TestMedia.ReadAll(audio);

        Assert.Equal(1, audio.WaveFormat.Channels);
        Assert.Equal(rate, audio.SampleRate);
        Assert.InRange(mono.Length, 2 * rate - rate / 100, 2 * rate + rate / 100);
        Assert.InRange(TestMedia.ToneFrequency(mono, rate), 435, 445);
        Assert.InRange(TestMedia.Rms(mono.AsSpan(rate / 10, rate)), 0.125 / Math.Sqrt(2) * 0.97, 0.125 / Math.Sqrt(2) * 1.03);
    }

    [Fact]
    public void Six_channel_wav_is_averaged()
    {
        var frames = 1000;
        var data = new float[frames * 6];
        for (var i = 0; i < frames; i++)
            for (var c = 0; c < 6; c++)
                data[i * 6 + c] = 0.1f * c;
        var path = _media.WriteWav("six.wav", data, 16000, 6, 32, isFloat: true, extensible: true);

        using var audio = MediaDecoder.Open(path, 16000);
        var mono = TestMedia.ReadAll(audio, chunk: 333);

        Assert.Equal(frames, mono.Length);
        Assert.All(mono, x => Assert.Equal(0.25f, x, 5));
    }

    [Theory]
    [InlineData("tone.mp3", MediaContainer.Mp3, "NLayer MP3", new[] { "-c:a", "libmp3lame", "-b:a", "128k" })]
    [InlineData("tone.aiff", MediaContainer.Aiff, "NAudio AIFF", new[] { "-c:a", "pcm_s16be" })]
    [InlineData("tone.flac", MediaContainer.Flac, "ffmpeg", new[] { "-c:a", "flac" })]
    [InlineData("tone.m4a", MediaContainer.Mp4, "ffmpeg", new[] { "-c:a", "aac", "-b:a", "96k" })]
    [InlineData("tone.ogg", MediaContainer.Ogg, "ffmpeg", new[] { "-c:a", "libvorbis" })]
    public void Encoded_formats_decode_to_the_tone(string name, MediaContainer container, string decoder, string[] options)
    {
        var path = _media.EncodeTone(name, 3, options);

        using var audio = MediaDecoder.Open(path, 16000);
        var mono = TestMedia.ReadAll(audio);

        Assert.Equal(container, audio.Container);
        Assert.StartsWith(decoder, audio.Decoder);
        Assert.InRange(mono.Length, 3 * 16000 - 1600, 3 * 16000 + 1600); // encoder priming/padding
        Assert.InRange(audio.DurationSeconds!.Value, 2.9, 3.1);
        Assert.InRange(TestMedia.ToneFrequency(mono.AsSpan(1600, 40000).ToArray(), 16000), 435, 445);
        // lavfi's sine is 1/8 full scale.
        Assert.InRange(TestMedia.Rms(mono.AsSpan(1600, 40000)), 0.125 / Math.Sqrt(2) * 0.9, 0.125 / Math.Sqrt(2) * 1.1);
    }

    [Fact]
    public void Video_file_decodes_its_audio_track()
    {
        var path = _media.PathOf("clip.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
            "-c:v", "mpeg4", "-c:a", "aac", "-shortest", path);

        using var audio = MediaDecoder.Open(path, 16000);
        var mono = TestMedia.ReadAll(audio);

        Assert.Equal(MediaContainer.Mp4, audio.Container);
        Assert.InRange(mono.Length, 2 * 16000 - 1600, 2 * 16000 + 1600);
        Assert.InRange(TestMedia.ToneFrequency(mono, 16000), 430, 450);
    }

    [Fact]
    public void Content_decides_the_decoder_not_the_extension()
    {
        var mp3 = _media.EncodeTone("real.mp3", 1, "-c:a", "libmp3lame");
        var disguised = _media.PathOf("disguised.wav");
        File.Copy(mp3, disguised);

        using var audio = MediaDecoder.Open(disguised, 16000);

        Assert.Equal(MediaContainer.Mp3, audio.Container);
        Assert.InRange(TestMedia.ReadAll(audio).Length, 15000, 17500);
    }

    [Fact]
    public void Nist_sphere_goes_through_ffmpeg()
    {
        const int rate = 16000;
        var header = "NIST_1A\n   1024\nsample_count -i 16000\nsample_n_bytes -i 2\nchannel_count -i 1\n" +
                     "sample_byte_format -s2 01\nsample_rate -i 16000\nsample_coding -s3 pcm\nend_head\n";
        var bytes = new byte[1024 + 2 * rate];
        System.Text.Encoding.ASCII.GetBytes(header.PadRight(1024)).CopyTo(bytes, 0);
        for (var i = 0; i < rate; i++)
            BitConverter.GetBytes((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate))).CopyTo(bytes, 1024 + 2 * i);
        var path = _media.PathOf("utterance.sph");
        File.WriteAllBytes(path, bytes);

        using var audio = MediaDecoder.Open(path, rate);
        var mono = TestMedia.ReadAll(audio);

        Assert.Equal(MediaContainer.Sphere, audio.Container);
        Assert.Equal("ffmpeg", audio.Decoder);
        Assert.Equal(rate, mono.Length);
        Assert.Equal(8000 / 32768.0 * Math.Sin(2 * Math.PI * 440 * 100 / rate), mono[100], 3);
    }

    [Fact]
    public void Mu_law_wav_goes_through_ffmpeg()
    {
        var path = _media.EncodeTone("ulaw.wav", 1, "-c:a", "pcm_mulaw", "-ar", "8000");

        using var audio = MediaDecoder.Open(path, 16000);

        Assert.Equal("ffmpeg", audio.Decoder);
        Assert.InRange(TestMedia.ReadAll(audio).Length, 15500, 16500);
    }

    [Fact]
    public void Zero_length_file_is_a_clear_error()
    {
        var path = _media.PathOf("zero.wav");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<AudioFormatException>(() => MediaDecoder.Open(path, 16000));
        Assert.Equal("zero.wav: the file is empty (0 bytes).", ex.Message);
    }

    [Fact]
    public void Wav_without_samples_is_a_clear_error()
    {
        var path = _media.WriteWav("empty.wav", [], 16000, 1, 16);

        using var audio = MediaDecoder.Open(path, 16000);
        var ex = Assert.Throws<AudioFormatException>(() => TestMedia.ReadAll(audio));
        Assert.Equal("empty.wav: contains no audio samples.", ex.Message);
    }

    [Fact]
    public void Truncated_wav_is_a_clear_error()
    {
        var path = _media.WriteWav("cut.wav", new float[16000], 16000, 1, 16, declaredDataBytes: 64000);

        using var audio = MediaDecoder.Open(path, 16000);
        var ex = Assert.Throws<AudioFormatException>(() => TestMedia.ReadAll(audio));
        Assert.Equal("cut.wav: truncated WAV file: the header declares 2 s of audio but the data ends after 1 s.", ex.Message);
    }

    [Fact]
    public void Wav_cut_inside_its_header_is_a_clear_error()
    {
        var full = _media.WriteWav("full.wav", new float[100], 16000, 1, 16);
        var path = _media.PathOf("header.wav");
        File.WriteAllBytes(path, File.ReadAllBytes(full)[..30]);

        var ex = Assert.Throws<AudioFormatException>(() => MediaDecoder.Open(path, 16000));
        Assert.StartsWith("header.wav: corrupt or truncated WAV file: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Corrupt_wav_format_chunk_is_a_clear_error()
    {
        var bytes = File.ReadAllBytes(_media.WriteWav("ok.wav", new float[100], 16000, 1, 16));
        bytes.AsSpan(16, 4).Fill(0xFF); // fmt chunk size runs past the file
        var path = _media.PathOf("corrupt.wav");
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<AudioFormatException>(() => MediaDecoder.Open(path, 16000));
        Assert.StartsWith("corrupt.wav: corrupt or truncated WAV file: ", ex.Message);
    }

    [Fact]
    public void Text_file_is_not_media()
    {
        var path = _media.PathOf("notes.wav");
        File.WriteAllText(path, "This is a caption file, not audio.\n");

        using var audio = MediaDecoder.Open(path, 16000);
        var ex = Assert.Throws<AudioFormatException>(() => TestMedia.ReadAll(audio));
        Assert.Equal("notes.wav: not a media file ffmpeg can read: Invalid data found when processing input", ex.Message);
    }

    [Fact]
    public void Truncated_mp4_is_a_clear_error()
    {
        var full = _media.EncodeTone("full.m4a", 2, "-c:a", "aac");
        var path = _media.PathOf("cut.m4a");
        var bytes = File.ReadAllBytes(full);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        using var audio = MediaDecoder.Open(path, 16000);
        var ex = Assert.Throws<AudioFormatException>(() => TestMedia.ReadAll(audio));
        Assert.StartsWith("cut.m4a: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Video_without_audio_says_so()
    {
        var path = _media.PathOf("silent.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1", "-c:v", "mpeg4", path);

        using var audio = MediaDecoder.Open(path, 16000);
        var ex = Assert.Throws<AudioFormatException>(() => TestMedia.ReadAll(audio));
        Assert.Equal("silent.mp4: has no audio stream.", ex.Message);
    }

    [Fact]
    public void Missing_ffmpeg_says_how_to_install_it()
    {
        var path = _media.EncodeTone("tone.flac", 1, "-c:a", "flac");

        var ex = Assert.Throws<AudioFormatException>(() =>
            MediaDecoder.Open(path, 16000, new MediaDecoderOptions(FfmpegPath: _media.PathOf("no-ffmpeg-here"))));
        Assert.Equal($"tone.flac: reading Flac needs ffmpeg, which was not found; {FfmpegLocator.InstallHint}.", ex.Message);
        Assert.Contains("apt-get install ffmpeg", ex.Message);
    }

    [Fact]
    public void Missing_file_and_directory_are_clear_errors()
    {
        var missing = _media.PathOf("absent.wav");
        Assert.Equal($"{missing}: no such file.", Assert.Throws<AudioFormatException>(() => MediaDecoder.Open(missing, 16000)).Message);
        Assert.Equal($"{_media.Directory}: is a folder, not a media file.",
            Assert.Throws<AudioFormatException>(() => MediaDecoder.Open(_media.Directory, 16000)).Message);
    }
}
