using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Storage;
using CtcAlign.Tests.Cli;
using CtcAlign.Text;

namespace CtcAlign.Tests.Pipeline;

/// <summary>The align verb over <see cref="ChannelMediaAligner"/> (fake frame model, deterministic emission aligner).</summary>
public sealed class PipelineAlignCommandTests : IDisposable
{
    private static readonly ModelDescription Description =
        new("fake", 16000, 320, Vocabulary.FromTokens(["<blank>", "|", "a", "b"]), ModelOutputKind.Logits, InputNormalization.None);

    private static readonly WindowLayout Layout = new(Description, new EmissionOptions(0.5, 0.1, 3));

    private readonly CliFixture _files = new();

    public void Dispose() => _files.Dispose();

    private string Db => _files.Db;

    private string Out { get; set; } = "";

    private string Err { get; set; } = "";

    private async Task<int> RunAsync(DigestEmissionAligner aligner, CancellationToken cancellationToken, params string[] args)
    {
        var services = new CliServices(_ => new ChannelMediaAligner(new ScriptedFrameModel(), Layout, aligner), new WavClipSource());
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(o, e, false), services, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60));
        (Out, Err) = (o.ToString(), e.ToString());
        return code;
    }

    private string Manifest(int good, params (string Id, string Audio, string Captions)[] extra)
    {
        var lines = new List<string>();
        for (var i = 0; i < good; i++)
        {
            var (_, srt) = _files.Media($"m{i}", 2 + i, "Good evening.", "Here is the news.", "Goodbye.");
            lines.Add(JsonSerializer.Serialize(new { id = $"m{i}", audio = $"m{i}.wav", captions = Path.GetFileName(srt) }));
        }
        foreach (var (id, audio, captions) in extra)
            lines.Insert(Math.Min(1, lines.Count), JsonSerializer.Serialize(new { id, audio, captions }));
        return _files.Dir.Write("batch.jsonl", string.Join("\n", lines) + "\n");
    }

    [Fact]
    public async Task A_corrupt_file_a_missing_file_and_captions_that_match_nothing_are_reported_and_the_rest_is_aligned()
    {
        _files.Dir.Write("corrupt.wav", "RIFF\x10\0\0\0WAVEfmt this is not audio");
        _files.Dir.Write("corrupt.srt", "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        var (_, nothing) = _files.Media("nomatch", 2, "UNSPOKEN one", "UNSPOKEN two");
        var manifest = Manifest(3, ("corrupt", "corrupt.wav", "corrupt.srt"), ("gone", "gone.wav", "corrupt.srt"),
            ("nomatch", "nomatch.wav", Path.GetFileName(nothing)));

        var code = await RunAsync(new DigestEmissionAligner(), default, "align", "--manifest", manifest, "--db", Db, "--jobs", "2");
        Assert.True(code == ExitCodes.PartialFailure, Err);

        Assert.StartsWith("6 file(s): 4 aligned, 0 skipped, 2 failed; lines: ", Out);
        Assert.Contains("ctcalign: corrupt: corrupt.wav: corrupt or truncated WAV file: ", Err);
        Assert.Contains($"ctcalign: gone: media file not found: {_files.Dir.File("gone.wav")}\n", Err);
        Assert.Contains("nomatch: aligned (0 aligned, 0 low confidence, 2 not aligned): no line could be placed; do these captions belong to this media?", Err);
        using var store = SegmentStore.Open(Db, readOnly: true);
        Assert.Equal(["m0", "m1", "m2", "nomatch"], store.ListMedia().Select(m => m.Id).Order());
        Assert.All(["m0", "m1", "m2"], id => Assert.Equal(3, store.LoadAlignment(id)!.Segments.Count));
    }

    [Fact]
    public async Task Cancelling_mid_batch_leaves_whole_files_only_and_a_rerun_ends_as_an_uninterrupted_run()
    {
        var manifest = Manifest(6);
        var reference = _files.Dir.File("reference.db");
        var code = await RunAsync(new DigestEmissionAligner(), default, "align", "--manifest", manifest, "--db", reference, "--jobs", "2");
        Assert.True(code == 0, Err);

        using var cts = new CancellationTokenSource();
        var aligner = new DigestEmissionAligner { OnBlock = (job, k) => { if (job.Id == "m3" && k == 2) cts.Cancel(); } };
        Assert.Equal(ExitCodes.Cancelled, await RunAsync(aligner, cts.Token, "align", "--manifest", manifest, "--db", Db, "--jobs", "2"));
        Assert.Contains("not done (cancelled)", Out);
        using (var partial = SegmentStore.Open(Db, readOnly: true))
        {
            var stored = partial.ListMedia().Select(m => m.Id).ToList();
            Assert.DoesNotContain("m3", stored);
            Assert.InRange(stored.Count, 2, 4);
            Assert.All(stored, id => Assert.Equal(3, partial.LoadAlignment(id)!.Segments.Count)); // whole files only
        }

        Assert.Equal(0, await RunAsync(new DigestEmissionAligner(), default, "align", "--manifest", manifest, "--db", Db, "--jobs", "2"));
        Assert.Equal(AlignCommandTests.Dump(reference), AlignCommandTests.Dump(Db));
    }

    [Fact]
    public async Task One_job_or_three_store_the_same_rows_and_stats_name_every_stage()
    {
        var manifest = Manifest(5);
        var reference = _files.Dir.File("reference.db");
        Assert.Equal(0, await RunAsync(new DigestEmissionAligner(), default, "align", "--manifest", manifest, "--db", reference));
        Assert.Equal(0, await RunAsync(new DigestEmissionAligner(), default, "align", "--manifest", manifest, "--db", Db, "--jobs", "3", "--stats"));
        Assert.Equal(AlignCommandTests.Dump(reference), AlignCommandTests.Dump(Db));

        Assert.Matches(@"; 20\.0 s of audio aligned at \d+\.\dx real time\n", Out);
        Assert.Matches(@"stages: decode \d+\.\d s, infer \d+\.\d s \(\d+ windows in \d+ calls\), align \d+\.\d s, store \d+\.\d s; CPU \d+\.\d s; peak memory \d+ MB\n$", Out);
        Assert.Matches(@"\[5/5\] m\d: aligned \(.*\) \| 5/5 files, 20\.0 s audio, \d+x real time\n", Err);
    }
}
