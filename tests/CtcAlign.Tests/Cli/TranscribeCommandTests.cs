using System.Text.Json;
using CommandLine;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Decoding;
using CtcAlign.Tests.Decoding;

namespace CtcAlign.Tests.Cli;

public sealed class TranscribeCommandTests : IDisposable
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), $"ctcalign-transcribe-{Guid.NewGuid():N}.wav");

    public TranscribeCommandTests() => File.WriteAllBytes(_media, [0]);

    public void Dispose() => File.Delete(_media);

    /// <summary>Stands in for the acoustic model: the same emissions for any file.</summary>
    private sealed class FakeEmissionSource(string frames, string? device = null, string? cudaFailure = null) : IEmissionSource
    {
        public List<string> Requested { get; } = [];

        public Task<MediaEmissions> ComputeAsync(string mediaPath, CancellationToken cancellationToken)
        {
            Requested.Add(mediaPath);
            var v = DecodingFixtures.Letters;
            return Task.FromResult(new MediaEmissions(DecodingFixtures.Spell(frames, v, peak: 0.8), v, device, cudaFailure));
        }
    }

    private static TranscribeOptions Parse(params string[] args)
    {
        using var parser = new Parser(s => s.CaseInsensitiveEnumValues = true);
        var parsed = parser.ParseArguments(["transcribe", .. args], typeof(TranscribeOptions));
        return Assert.IsType<TranscribeOptions>(((Parsed<object>)parsed).Value);
    }

    private static async Task<(int Code, string Out, string Error)> Run(TranscribeOptions options, IEmissionSource source)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await new TranscribeCommand(options, _ => source).ExecuteAsync(new CliConsole(output, error, false), default);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Device_and_threads_reach_the_model_and_the_cuda_reason_shows_only_with_verbose()
    {
        TranscribeOptions? seen = null;
        var source = new FakeEmissionSource("-ab--  -ca-", "CPU (CUDA not available)", "[ErrorCode:Fail] provider bridge");
        foreach (var verbose in new[] { false, true })
        {
            var options = Parse(_media, "--device", "cpu", "--threads", "3");
            options.Verbose = verbose;
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.Equal(0, await new TranscribeCommand(options, o => { seen = o; return source; }).ExecuteAsync(new CliConsole(output, error, false), default));
            Assert.Equal((CtcAlign.Acoustic.InferenceDevice.Cpu, 3), (seen!.Device, seen.Threads));
            var lines = error.ToString().ReplaceLineEndings("\n").Split('\n');
            Assert.Single(lines, l => l == "device: CPU (CUDA not available)");
            Assert.Equal(verbose ? 1 : 0, lines.Count(l => l == "CUDA: [ErrorCode:Fail] provider bridge"));
        }
    }

    [Fact]
    public async Task On_cuda_the_device_line_names_the_gpu_and_verbose_adds_no_cuda_reason()
    {
        var source = new FakeEmissionSource("-ab--  -ca-", "CUDA device 0"); // what OnnxFrameModel reports when CUDA loads
        var options = Parse(_media, "--device", "cuda");
        options.Verbose = true;
        var (code, _, error) = await Run(options, source);

        Assert.Equal(0, code);
        var lines = error.ReplaceLineEndings("\n").Split('\n');
        Assert.Single(lines, l => l == "device: CUDA device 0");
        Assert.DoesNotContain(lines, l => l.StartsWith("CUDA:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_as_media_is_named_as_a_folder()
    {
        var folder = Path.GetTempPath();
        var ex = await Assert.ThrowsAsync<CtcAlignException>(() => Run(Parse(folder), new FakeEmissionSource("-ab-")));
        Assert.Equal($"{folder} is a folder, not a media file", ex.Message);
    }

    [Fact]
    public void ParsesEveryOption()
    {
        var o = Parse("a.wav", "--model", "m", "--decoder", "MBR", "--beam", "8", "--nbest", "3", "--mbr-lambda", "0.5", "--format", "json");
        Assert.Equal(("a.wav", "m", TranscribeOptions.DecoderKind.Mbr, 8, 3, 0.5, TranscribeOptions.OutputFormat.Json),
            (o.Media, o.Model, o.Decoder, o.Beam, o.NBest, o.MbrLambda, o.Format));
        var device = Parse("a.wav", "--device", "cpu", "--threads", "2");
        Assert.Equal((CtcAlign.Acoustic.InferenceDevice.Cpu, 2), (device.Device, device.Threads));
        var d = Parse("a.wav");
        Assert.Equal((CtcAlign.Acoustic.InferenceDevice.Auto, 0), (d.Device, d.Threads));
        Assert.Equal((TranscribeOptions.DecoderKind.Greedy, 16, 1, TranscribeOptions.OutputFormat.Text), (d.Decoder, d.Beam, d.NBest, d.Format));
    }

    [Theory]
    [InlineData("greedy")]
    [InlineData("beam")]
    [InlineData("mbr")]
    public async Task PrintsTheTranscript(string decoder)
    {
        var source = new FakeEmissionSource("-ab--  -ca-");
        var (code, output, error) = await Run(Parse(_media, "--decoder", decoder), source);
        Assert.Equal(0, code);
        Assert.Equal("ab ca" + Environment.NewLine, output);
        Assert.Contains("real time", error);
        Assert.Equal([_media], source.Requested);
    }

    [Fact]
    public async Task PrintsTheNBestList()
    {
        var (_, output, _) = await Run(Parse(_media, "--decoder", "beam", "--nbest", "3"), new FakeEmissionSource("-ab--  -ca-"));
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("ab ca", lines[0]);
        Assert.StartsWith("*  1 ", lines[1]);
        Assert.EndsWith("  ab ca", lines[1]);
    }

    [Fact]
    public async Task WritesWordTimesAsJson()
    {
        var (_, output, _) = await Run(Parse(_media, "--decoder", "mbr", "--beam", "4", "--nbest", "2", "--format", "json"),
            new FakeEmissionSource("-ab--  -ca-"));
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("mbr", root.GetProperty("decoder").GetString());
        Assert.Equal("ab ca", root.GetProperty("text").GetString());
        var words = root.GetProperty("words");
        Assert.Equal(2, words.GetArrayLength());
        Assert.Equal("ca", words[1].GetProperty("word").GetString());
        Assert.Equal(0.16, words[1].GetProperty("start").GetDouble(), 9);
        Assert.Equal(0.20, words[1].GetProperty("end").GetDouble(), 9);
        Assert.Equal(2, root.GetProperty("nBest").GetArrayLength());
        Assert.True(root.GetProperty("nBest")[0].GetProperty("expectedWer").GetDouble() >= 0);
    }

    [Theory]
    [InlineData(new[] { "--beam", "0" }, "--beam must be at least 1; got 0.")]
    [InlineData(new[] { "--decoder", "beam", "--beam", "4", "--nbest", "5" }, "--nbest must be between 1 and --beam 4; got 5.")]
    [InlineData(new[] { "--nbest", "2" }, "--nbest needs --decoder beam or mbr; greedy decoding gives one hypothesis.")]
    [InlineData(new[] { "--mbr-lambda", "-1" }, "--mbr-lambda must be a number >= 0; got -1.")]
    public async Task RejectsBadOptions(string[] args, string expected)
    {
        var ex = await Assert.ThrowsAsync<CtcAlignException>(() => Run(Parse([_media, .. args]), new FakeEmissionSource("-a-")));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task RejectsAMissingFile()
    {
        var ex = await Assert.ThrowsAsync<CtcAlignException>(() => Run(Parse("/no/such/file.wav"), new FakeEmissionSource("-a-")));
        Assert.Equal("Media file not found: /no/such/file.wav", ex.Message);
    }
}
