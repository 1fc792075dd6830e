using System.Reflection;
using CommandLine;
using CtcAlign.Alignment;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using CtcAlign.Reranking;
using CtcAlign.Storage;
using CtcAlign.Text;
using CtcAlign.Tests.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cli;

/// <summary>The align verb with the real aligner (DefaultAlignerFactory): media -> ONNX model -> IPFA -> store and files.</summary>
public sealed class AlignEndToEndTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(outWriter, errWriter, false),
            new CliServices(DefaultAlignerFactory.Create, new DecodingClipSource()));
        return (code, outWriter.ToString(), errWriter.ToString());
    }

    private (string Wav, string Srt) Media(params string[] lines)
    {
        var wav = TestAudio.WriteWav(_dir.File("clip.wav"), TestAudio.Ramp(4 * 16_000));
        var srt = string.Concat(lines.Select((l, i) => $"{i + 1}\n{CaptionTimestamp.FormatSrt(i)} --> {CaptionTimestamp.FormatSrt(i + 1)}\n{l}\n\n"));
        return (wav, _dir.Write("clip.srt", srt));
    }

    [Theory]
    [InlineData("ipfa")]
    [InlineData("global")]
    public async Task Aligns_with_the_real_pipeline_stores_prints_each_line_and_writes_json(string aligner)
    {
        // The tiny fixture model (random weights, vocabulary a b c) hears nothing: every line must still be reported. It cannot tell
        // any text from its reverse, so the caption match check (ProgrammeMismatchTests) would stop the file: it is off here.
        var (wav, srt) = Media("a cab", "bac ab", "c");
        var db = _dir.File("e2e.db");
        var json = _dir.File("clip.json");
        var (code, stdout, stderr) = await RunAsync("align", wav, "--captions", srt, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu",
            "--db", db, "--out", json, "--aligner", aligner, "--awp", "latency", "--no-match-check");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped, 0 failed; lines: ", stdout);
        var lines = stdout.Split('\n');
        Assert.Equal("  line  start      end         rho   wer  status          text", lines[1]);
        Assert.Matches(@"^\s+0 .* a cab", lines[2]);
        Assert.Matches(@"^\s+2 .* c", lines[4]);
        Assert.StartsWith($"stored in {db}: `ctcalign inspect --db {db}`", lines[5]);
        var media = Assert.Single(AlignmentJsonReader.Read(json));
        Assert.Equal(["a cab", "bac ab", "c"], media.Segments.Select(s => s.Text));
        Assert.Equal(4.0, media.DurationSeconds, 3);
        Assert.All(media.Segments, s =>
        {
            Assert.True(s.Status == SegmentStatus.Aligned || s.StatusReason is not null, $"line {s.Index} is {s.Status} without a reason");
            Assert.Equal(s.Start is null, s.Status == SegmentStatus.NotAligned);
            Assert.True(s.Rho <= 0);
        });
        using (var store = SegmentStore.Open(db, readOnly: true))
            Assert.Equal(media.Segments.Select(s => (s.Status, s.StatusReason)), store.LoadAlignment("clip")!.Segments.Select(s => (s.Status, s.StatusReason)));

        var again = await RunAsync("align", wav, "--captions", srt, "--model", ModelFixtures.CtcAlignPackage, "--device", "cpu",
            "--db", db, "--aligner", aligner, "--awp", "latency");
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped, 0 failed;", again.Out);
    }

    [Theory]
    [InlineData("--aligner", "fast", "ctcalign: unknown --aligner 'fast' (ipfa or global)")]
    [InlineData("--awp", "wer", "ctcalign: unknown --awp 'wer' (none or latency)")]
    [InlineData("--awp-lambda", "-1", "ctcalign: bad alignment option: Lambda must be a finite number >= 0; got -1.")]
    [InlineData("--max-window", "600", "ctcalign: bad alignment option: Give-up window 500 s must be longer than the maximum window 600 s.")]
    [InlineData("--word-star", "1", "ctcalign: --word-star must be a log-probability <= 0 or off (got '1')")]
    [InlineData("--device", "tpu", "ctcalign: unknown --device 'tpu' (auto, cpu, cuda or cuda:N)")]
    [InlineData("--zero", "nought", "ctcalign: unknown --zero 'nought' (zero or oh)")]
    [InlineData("--urls", "keep", "ctcalign: unknown --urls 'keep' (spell or drop)")]
    public async Task Bad_alignment_options_are_one_line_errors(string option, string value, string message)
    {
        var (wav, srt) = Media("a cab");
        var (code, _, stderr) = await RunAsync("align", wav, "--captions", srt, "--model", ModelFixtures.CtcAlignPackage, "--db", _dir.File("x.db"), option, value);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal(message, stderr.Trim());
    }

    [Fact]
    public void Every_option_default_shown_by_help_is_the_value_used()
    {
        var parsed = new Parser().ParseArguments<AlignOptions>(["m.wav", "--text", "x"]);
        var options = Assert.IsType<Parsed<AlignOptions>>(parsed).Value;
        foreach (var property in typeof(AlignOptions).GetProperties())
        {
            var attribute = property.GetCustomAttribute<OptionAttribute>();
            if (attribute?.Default is { } shown)
                Assert.True(Equals(shown, property.GetValue(new AlignOptions())), $"--{attribute.LongName}: help shows {shown}, the property starts at {property.GetValue(new AlignOptions())}");
        }

        var settings = options.ToSettings();
        Assert.Equal(new IpfaOptions(), settings.Ipfa);
        Assert.Equal(new LatencyRerankOptions(), settings.Latency);
        Assert.Equal(new AlignerSettings().WordBoundaries, settings.WordBoundaries);
        Assert.Equal((AlignerKind.Ipfa, AwpProperty.None, true, -2.0), (settings.Aligner, settings.Awp, settings.CaptionWer, settings.Threshold));
        Assert.Equal("{\"aligner\":\"ipfa\",\"awp\":\"none\",\"caption_wer\":true,\"segment_star\":\"-1\",\"segment_star_before_first\":true,\"threshold\":-2,\"word_boundaries\":\"1,2,0.2\",\"word_star\":\"0\"}", AlignOptions.ParametersJson(settings));
        Assert.Equal((0f, -1f), (settings.WordStarLogProb, settings.SegmentStarLogProb));
        Assert.Equal((new AlignerSettings().WordStarLogProb, new AlignerSettings().SegmentStarLogProb), (settings.WordStarLogProb, settings.SegmentStarLogProb));
        Assert.True(settings.SegmentStarBeforeFirst);
    }

    [Fact]
    public void Changed_ipfa_options_reach_the_settings_and_the_stored_parameters()
    {
        var parsed = new Parser().ParseArguments<AlignOptions>(["m.wav", "--text", "x", "--max-pause", "3.5", "--chunk-words", "12", "--no-hint-offset",
            "--awp", "latency", "--awp-shift", "2", "--no-caption-wer", "--aligner", "global", "--word-star", "off", "--segment-star", "-2.5",
            "--free-preamble", "--no-relocate", "--stray-edge-word-gap", "off", "--unheard-edge-word", "0.05", "--speech-gap", "0.2", "--max-edge-extension", "0.5"]);
        var settings = Assert.IsType<Parsed<AlignOptions>>(parsed).Value.ToSettings();

        Assert.Equal(new IpfaOptions
        {
            MaxPauseInLineSeconds = 3.5, ChunkWords = 12, LearnHintOffset = false, RelocateUnheardChunks = false, StrayEdgeWordGapSeconds = null,
            UnheardEdgeWordConfidence = 0.05, SpeechGapSeconds = 0.2, MaxEdgeExtensionSeconds = 0.5,
        }, settings.Ipfa);
        Assert.False(settings.SegmentStarBeforeFirst);
        Assert.Equal(new LatencyRerankOptions(MaxShift: 2), settings.Latency);
        Assert.Equal(((float?)null, (float?)-2.5f), (settings.WordStarLogProb, settings.SegmentStarLogProb));
        Assert.Equal("{\"aligner\":\"global\",\"awp\":\"latency(lambda=1,samples=16,shift=2)\",\"caption_wer\":false,\"segment_star\":\"-2.5\",\"segment_star_before_first\":false,\"threshold\":-2,\"word_boundaries\":\"1,2,0.2\",\"word_star\":\"off\","
            + "\"ChunkWords\":12,\"LearnHintOffset\":false,\"MaxEdgeExtensionSeconds\":0.5,\"MaxPauseInLineSeconds\":3.5,\"RelocateUnheardChunks\":false,"
            + "\"SpeechGapSeconds\":0.2,\"StrayEdgeWordGapSeconds\":\"null\",\"UnheardEdgeWordConfidence\":0.05}", AlignOptions.ParametersJson(settings));
    }

    [Fact]
    public void The_hint_band_is_off_unless_asked_and_its_options_reach_the_settings()
    {
        AlignerSettings Parse(params string[] args) =>
            Assert.IsType<Parsed<AlignOptions>>(new Parser().ParseArguments<AlignOptions>(["m.wav", "--text", "x", .. args])).Value.ToSettings();
        Assert.Null(Parse().Ipfa.HintBandSeconds);
        var banded = Parse("--hint-band", "4", "--hint-band-cost", "50");
        Assert.Equal((4.0, 50.0), (banded.Ipfa.HintBandSeconds!.Value, banded.Ipfa.HintBandMaxCost));
        Assert.Contains("\"HintBandSeconds\":4", AlignOptions.ParametersJson(banded));
        Assert.Throws<CtcAlignException>(() => Parse("--hint-band", "-1"));
    }

    [Fact]
    public void Text_options_reach_the_settings_and_the_stored_parameters()
    {
        var parsed = new Parser().ParseArguments<AlignOptions>(["m.wav", "--text", "x", "--zero", "oh", "--urls", "drop"]);
        var settings = Assert.IsType<Parsed<AlignOptions>>(parsed).Value.ToSettings();
        Assert.Equal(new TextNormalizerOptions { ZeroAsOh = true, Urls = UrlPolicy.Drop }, settings.Text);
        Assert.EndsWith(",\"word_star\":\"0\",\"text_zero\":\"oh\",\"text_urls\":\"drop\"}", AlignOptions.ParametersJson(settings));
    }
}
