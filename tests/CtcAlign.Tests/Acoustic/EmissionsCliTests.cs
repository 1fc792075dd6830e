using System.Text;
using System.Text.Json;
using CtcAlign.Cli;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

/// <summary>`ctcalign emissions` and `ctcalign model info`, end to end through Program.RunAsync.</summary>
public sealed class EmissionsCliTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(o, e, false));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Writes_npy_and_json_for_a_stereo_44k_wav()
    {
        var wav = _media.WriteWav("talk.wav", TestAudioSource.Noise(2 * 44100 * 3), 44100, 2, 24);
        var npy = _media.PathOf("talk.npy");

        var (code, stdout, stderr) = await Run("emissions", wav, "--out", npy, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu", "--threads", "1");

        Assert.Equal(0, code);
        Assert.Contains("device: CPU (requested)", stderr);
        Assert.StartsWith($"wrote {npy} [150, 5]", stdout);
        var bytes = File.ReadAllBytes(npy);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Contains("'shape': (150, 5)", Encoding.ASCII.GetString(bytes, 10, headerLength));
        Assert.Equal(10 + headerLength + 150 * 5 * 4, bytes.Length);
        var first = Enumerable.Range(0, 5).Sum(v => Math.Exp(BitConverter.ToSingle(bytes, 10 + headerLength + 4 * v)));
        Assert.Equal(1.0, first, 4);

        using var json = JsonDocument.Parse(File.ReadAllText(_media.PathOf("talk.json")));
        var root = json.RootElement;
        Assert.Equal("tiny-test-model", root.GetProperty("model").GetString());
        Assert.Equal(0.02, root.GetProperty("frame_seconds").GetDouble(), 12);
        Assert.Equal(150, root.GetProperty("frames").GetInt32());
        Assert.Equal(0, root.GetProperty("blank").GetInt32());
        Assert.Equal(1, root.GetProperty("word_delimiter").GetInt32());
        Assert.Equal(["<blank>", "|", "a", "b", "c"], root.GetProperty("vocabulary").EnumerateArray().Select(t => t.GetString()));
        Assert.False(File.Exists(npy + ".partial"));
    }

    [Fact]
    public async Task Video_input_through_ffmpeg_with_a_hugging_face_model()
    {
        var mp4 = _media.PathOf("clip.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=2", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=48000:duration=2",
            "-c:v", "mpeg4", "-c:a", "aac", "-shortest", mp4);

        var (code, stdout, _) = await Run("emissions", mp4, "-o", _media.PathOf("clip.npy"), "-m", ModelFixtures.HuggingFacePackage, "--device", "cpu");

        Assert.Equal(0, code);
        Assert.Matches(@"\[(99|100|101), 5\]", stdout);
    }

    private string MakeBadInput(string kind)
    {
        var m = _media;
        switch (kind)
        {
            case "zero-length":
                File.WriteAllBytes(m.PathOf("zero.wav"), []);
                return m.PathOf("zero.wav");
            case "empty":
                return m.WriteWav("empty.wav", [], 16000, 1, 16);
            case "truncated":
                return m.WriteWav("cut.wav", new float[8000], 16000, 1, 16, declaredDataBytes: 32000);
            case "corrupt":
                var bytes = File.ReadAllBytes(m.WriteWav("ok.wav", new float[100], 16000, 1, 16));
                bytes.AsSpan(16, 4).Fill(0xFF); // fmt chunk size runs past the file
                File.WriteAllBytes(m.PathOf("corrupt.wav"), bytes);
                return m.PathOf("corrupt.wav");
            case "non-audio":
                File.WriteAllText(m.PathOf("notes.txt"), "Not audio: a plain text note.\n");
                return m.PathOf("notes.txt");
            case "subtitles":
                File.WriteAllText(m.PathOf("captions.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHello\n");
                return m.PathOf("captions.srt");
            case "truncated-mp4":
                var full = File.ReadAllBytes(m.EncodeTone("full.m4a", 2, "-c:a", "aac"));
                File.WriteAllBytes(m.PathOf("cut.m4a"), full[..(full.Length / 3)]);
                return m.PathOf("cut.m4a");
            default:
                return m.PathOf("absent.mp3");
        }
    }

    [Theory]
    [InlineData("zero-length", "ctcalign: zero.wav: the file is empty (0 bytes).")]
    [InlineData("empty", "ctcalign: empty.wav: contains no audio samples.")]
    [InlineData("truncated", "ctcalign: cut.wav: truncated WAV file: the header declares 1 s of audio but the data ends after 0.5 s.")]
    [InlineData("corrupt", "ctcalign: corrupt.wav: corrupt or truncated WAV file: ")]
    [InlineData("non-audio", "ctcalign: notes.txt: not a media file ffmpeg can read: Invalid data found when processing input")]
    [InlineData("subtitles", "ctcalign: captions.srt: has no audio stream.")]
    [InlineData("truncated-mp4", "ctcalign: cut.m4a: ")]
    [InlineData("missing", "ctcalign: ")]
    public async Task Bad_media_gives_one_line_and_exit_code_2(string kind, string expected)
    {
        var input = MakeBadInput(kind);
        var npy = _media.PathOf(kind + ".npy");

        var (code, _, stderr) = await Run("emissions", input, "--out", npy, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu");

        Assert.Equal(2, code);
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("ctcalign:")).ToList();
        var line = Assert.Single(errorLines);
        Assert.StartsWith(expected, line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(npy));
        Assert.False(File.Exists(npy + ".partial"));
    }

    [Fact]
    public async Task Model_info_describes_the_model_and_the_device()
    {
        var (code, stdout, _) = await Run("model", "info", "--model", ModelFixtures.HuggingFacePackage, "--device", "cpu");

        Assert.Equal(0, code);
        Assert.Contains("name:           tiny-hf-test", stdout);
        Assert.Contains("(HuggingFace layout)", stdout);
        Assert.Contains("frame stride:   320 samples = 20 ms", stdout);
        Assert.Contains("vocabulary:     5 tokens: <pad> | A B C", stdout);
        Assert.Contains("blank:          0 <pad>", stdout);
        Assert.Contains("device:         CPU (requested)", stdout);
    }

    [Fact]
    public async Task Model_errors_are_one_line()
    {
        var missing = _media.PathOf("no-model");
        var (code, _, stderr) = await Run("model", "info", "--model", missing);
        Assert.Equal(2, code);
        Assert.Equal($"ctcalign: Model folder '{missing}' does not exist.", stderr.Trim());

        (code, _, stderr) = await Run("model", "describe", "--model", ModelFixtures.CtcAlignPackage);
        Assert.Equal(2, code);
        Assert.Equal("ctcalign: model: unknown action 'describe'; the only action is `model info`.", stderr.Trim());
    }

    [Fact]
    public async Task Help_shows_examples()
    {
        var (code, stdout, _) = await Run("emissions", "--help");
        Assert.Equal(0, code);
        Assert.Contains("ctcalign emissions --out talk.npy talk.wav", stdout);
    }

    [Fact]
    public async Task Auto_device_says_in_a_few_words_where_the_model_runs_and_the_cuda_reason_only_with_verbose()
    {
        var wav = _media.WriteWav("talk.wav", TestAudioSource.Noise(16_000), 16_000, 1, 16);
        var (code, _, stderr) = await Run("emissions", wav, "--out", _media.PathOf("talk.npy"), "--model", ModelFixtures.CtcAlignPackage, "--device", "auto");
        Assert.Equal(0, code);
        var device = Assert.Single(stderr.Split('\n'), l => l.Contains("device: "));
        if (device.Contains("device: CUDA device 0"))
            return; // a machine with CUDA: nothing to say
        Assert.EndsWith("device: CPU (CUDA not available); precision: float32", device.TrimEnd());
        Assert.DoesNotContain("ErrorCode", stderr);
        Assert.DoesNotContain("CUDA:", stderr);

        (code, _, stderr) = await Run("emissions", wav, "--out", _media.PathOf("talk.npy"), "--model", ModelFixtures.CtcAlignPackage, "--device", "auto", "--verbose");
        Assert.Equal(0, code);
        Assert.Single(stderr.Split('\n'), l => l.StartsWith("CUDA: ") && l.Length > 10);

        (code, var stdout, _) = await Run("model", "info", "--model", ModelFixtures.CtcAlignPackage);
        Assert.Equal(0, code);
        Assert.Contains("device:         CPU (CUDA not available)\n", stdout.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("CUDA:", stdout);
    }
}
