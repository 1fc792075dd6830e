using System.Text.Json;
using CtcAlign.Cli;
using CtcAlign.Formats;
using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Cli;

public class AlignCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] Lines = ["Good evening.", "Here is the news.", "UNSPOKEN intro line", "The weather is fine.", "Goodbye now."];

    [Fact]
    public async Task Aligns_one_file_into_the_database_and_an_output_file()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        var json = _cli.Dir.File("news.json");
        var code = await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", json);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped, 0 failed; lines: 3 aligned, 1 low confidence, 1 not aligned; ", _cli.Out);
        var media = Assert.Single(AlignmentJsonReader.Read(json));
        Assert.Equal(("news", wav, 5.0), (media.Id, media.AudioPath, media.DurationSeconds));
        Assert.Equal(Lines, media.Segments.Select(s => s.Text));
        Assert.Equal([0.0, 1.0, null, 3.0, 4.0], media.Segments.Select(s => s.Start));
        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Equal((1, 1, 5, 2 + 4 + 4 + 2), store.Count());
        Assert.Equal(2.0, store.LoadAlignment("news")!.Segments[2].HintStart); // caption times kept as hints
        Assert.True(_cli.Aligners.Single().Disposed);
    }

    [Fact]
    public async Task A_rerun_skips_stored_media_unless_forced_or_settings_change()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        string[] args = ["align", wav, "--captions", srt, "--db", _cli.Db];
        Assert.Equal(0, await _cli.RunAsync(args));
        Assert.Equal(0, await _cli.RunAsync(args));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped, 0 failed; lines: 3 aligned, 1 low confidence, 1 not aligned", _cli.Out);
        Assert.Single(_cli.Aligners); // the aligner was not even created for the rerun

        Assert.Equal(0, await _cli.RunAsync([.. args, "--force"]));
        Assert.Equal(0, await _cli.RunAsync([.. args, "--threshold", "-1"]));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped, 0 failed; lines: 2 aligned, 2 low confidence", _cli.Out);
        Assert.Equal(3, _cli.Aligners.Count);
        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Equal((1, 2, 5, 12), store.Count());
    }

    [Fact]
    public async Task A_refitted_calibration_realigns_without_force()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        var model = Path.Combine(_cli.Dir.Path, "model");
        foreach (var f in Directory.GetFiles(CtcAlign.Tests.Acoustic.ModelFixtures.CtcAlignPackage))
        {
            Directory.CreateDirectory(model);
            File.Copy(f, Path.Combine(model, Path.GetFileName(f)));
        }
        void Calibrate(double intercept)
        {
            var path = Path.Combine(model, CtcAlign.Acoustic.ModelPackage.DescriptionFileName);
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var n = CtcAlign.LongForm.LineEvidence.FeatureNames.Count;
            System.Text.Json.Nodes.JsonArray Numbers(double v) => [.. Enumerable.Repeat(v, n).Select(x => (System.Text.Json.Nodes.JsonNode)x)];
            json["calibration"] = new System.Text.Json.Nodes.JsonObject
            {
                ["features"] = new System.Text.Json.Nodes.JsonArray([.. CtcAlign.LongForm.LineEvidence.FeatureNames.Select(f => (System.Text.Json.Nodes.JsonNode)f)]),
                ["means"] = Numbers(0), ["scales"] = Numbers(1), ["weights"] = Numbers(0), ["intercept"] = intercept, ["min_p"] = 0.5,
            };
            File.WriteAllText(path, json.ToJsonString());
        }
        string[] args = ["align", wav, "--captions", srt, "--db", _cli.Db, "--model", model];

        Calibrate(1.0);
        Assert.Equal(0, await _cli.RunAsync(args));
        Assert.Equal(0, await _cli.RunAsync(args));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped", _cli.Out); // the same calibration: done
        Calibrate(-1.0); // a refit
        Assert.Equal(0, await _cli.RunAsync(args));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped", _cli.Out);
        Assert.Equal(2, _cli.Aligners.Count);

        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        var stored = Assert.Single(store.ListMedia()).ParametersJson;
        var fingerprint = CtcAlign.Acoustic.ModelPackage.Load(model).Description.Calibration!.Fingerprint();
        Assert.Contains($"\"calibration\":\"{fingerprint}\"", stored);
        Assert.Matches("^[0-9a-f]{16}$", fingerprint);
    }

    [Fact]
    public async Task The_stored_parameters_hold_the_word_boundaries_that_run_the_models_rules_not_the_defaults()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        var description = CtcAlign.Acoustic.ModelPackage.Load(CtcAlign.Acoustic.DefaultModelLocator.Resolve(null)).Description;
        var rules = new CtcAlign.Pipeline.AlignerSettings { BoundariesFromModel = new() }.ForModel(description).WordBoundaries;
        var expected = FormattableString.Invariant($"\"word_boundaries\":\"{rules.StartEarlyFrames},{rules.EndLateFrames},{rules.MidpointMaxGapSeconds}\"");

        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Contains(expected, Assert.Single(store.ListMedia()).ParametersJson);
    }

    [Fact]
    public async Task Inline_text_with_an_explicit_id_and_srt_output()
    {
        var (wav, _) = _cli.Media("clip", 2, "x");
        var srt = _cli.Dir.File("out.srt");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--text", "Hello there\nGeneral Kenobi", "--id", "kenobi", "--db", _cli.Db, "--out", srt));
        Assert.Equal("1\n00:00:00,000 --> 00:00:01,000\nHello there\n\n2\n00:00:01,000 --> 00:00:02,000\nGeneral Kenobi\n\n", File.ReadAllText(srt));
        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Equal("kenobi", Assert.Single(store.ListMedia()).Id);
    }

    [Fact]
    public async Task Caption_problems_are_one_warning_each_and_the_file_is_aligned()
    {
        var (wav, _) = _cli.Media("news", 5, Lines);
        var srt = _cli.Dir.Write("news.srt", "1\r\n00:00:00,000 --> 00:00:01,000\r\nGood evening.\r\n\r\n2\r\n00:00:02,000 --> 00:00:01,000\r\nHere is the news.\r\n\r\n"
            + "3\r\nUNSPOKEN intro line\r\n\r\n4\r\n00:00:03,000 --> 00:00:0x,000\r\nThe weather is fine.\r\n5\r\n00:00:04,000 --> 00:00:05,000\r\nGoodbye now.\r\n");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--no-progress"));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped, 0 failed; lines: 3 aligned, 1 low confidence, 1 not aligned; ", _cli.Out);
        Assert.Equal(
            [
                $"ctcalign: warning: {srt}: cue 2 (line 6): ends before it starts '00:00:02,000 --> 00:00:01,000'; its times are ignored",
                $"ctcalign: warning: {srt}: cue 3 (line 9): a cue number with no timing line; its text is read without times",
                $"ctcalign: warning: {srt}: cue 4 (line 13): malformed times '00:00:03,000 --> 00:00:0x,000'; its times are ignored",
                $"ctcalign: warning: {srt}: cue 5 (line 15): no blank line before this cue",
                "[1/1] news: aligned (3 aligned, 1 low confidence, 1 not aligned)",
            ],
            _cli.Err.TrimEnd('\n').Split('\n'));
        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Equal([0.0, null, null, null, 4.0], store.LoadAlignment("news")!.Segments.Select(s => s.HintStart));
    }

    [Fact]
    public async Task Missing_media_or_bad_captions_are_one_line_errors_with_exit_2()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        var missing = _cli.Dir.File("missing.wav");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", missing, "--captions", srt, "--db", _cli.Db));
        Assert.Equal($"ctcalign: missing: media file not found: {missing}\n", _cli.Err);

        var folder = _cli.Dir.File("videos");
        Directory.CreateDirectory(folder);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", folder, "--captions", srt, "--db", _cli.Db));
        Assert.Equal($"ctcalign: videos: {folder} is a folder, not a media file\n", _cli.Err);
        Assert.False(File.Exists(_cli.Db)); // a failed run leaves no database file

        var bad = _cli.Dir.Write("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n\nno timing line\n");
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(bad), 0, 1, 2]);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", bad, "--db", _cli.Db));
        Assert.Equal($"ctcalign: news: {bad}: not a text file (binary data at byte 54)\n", _cli.Err);

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--db", _cli.Db));
        Assert.Equal("ctcalign: align MEDIA needs exactly one of --captions FILE or --text \"...\"\n", _cli.Err);
        Assert.Empty(_cli.Aligners);
    }

    [Fact]
    public async Task A_batch_reports_bad_files_and_goes_on_with_exit_3()
    {
        var manifest = WriteManifest(4, ("broken", "{\"id\":\"broken\",\"audio\":\"nope.wav\",\"text\":\"hi\"}"));
        Assert.Equal(ExitCodes.PartialFailure, await _cli.RunAsync("align", "--manifest", manifest, "--db", _cli.Db));
        Assert.Contains($"ctcalign: broken: media file not found: {_cli.Dir.File("nope.wav")}\n", _cli.Err);
        Assert.StartsWith("5 file(s): 4 aligned, 0 skipped, 1 failed;", _cli.Out);
        using var store = SegmentStore.Open(_cli.Db, readOnly: true);
        Assert.Equal(["m0", "m1", "m2", "m3"], store.ListMedia().Select(m => m.Id));
    }

    [Fact]
    public async Task A_batch_cancelled_after_file_k_and_rerun_ends_with_the_rows_of_an_uninterrupted_run()
    {
        var manifest = WriteManifest(5);
        var reference = _cli.Dir.File("reference.db");
        Assert.Equal(0, await _cli.RunAsync("align", "--manifest", manifest, "--db", reference));

        using var cts = new CancellationTokenSource();
        _cli.ConfigureAligner = a => a.BeforeAlign = (job, ct) =>
        {
            if (job.Id == "m2")
                cts.Cancel(); // Ctrl+C while file 3 is being aligned
            return Task.CompletedTask;
        };
        Assert.Equal(ExitCodes.Cancelled, await _cli.RunAsync(cts.Token, "align", "--manifest", manifest, "--db", _cli.Db));
        Assert.StartsWith("5 file(s): 2 aligned, 0 skipped, 0 failed, 3 not done (cancelled);", _cli.Out);
        using (var partial = SegmentStore.Open(_cli.Db, readOnly: true))
            Assert.Equal(["m0", "m1"], partial.ListMedia().Select(m => m.Id));

        _cli.ConfigureAligner = null;
        Assert.Equal(0, await _cli.RunAsync("align", "--manifest", manifest, "--db", _cli.Db));
        Assert.StartsWith("5 file(s): 3 aligned, 2 skipped, 0 failed;", _cli.Out);
        Assert.Equal(Dump(reference), Dump(_cli.Db));
    }

    [Fact]
    public async Task Parallel_jobs_store_the_same_rows_as_one_job()
    {
        var manifest = WriteManifest(6);
        var reference = _cli.Dir.File("reference.db");
        Assert.Equal(0, await _cli.RunAsync("align", "--manifest", manifest, "--db", reference));
        Assert.Equal(0, await _cli.RunAsync("align", "--manifest", manifest, "--db", _cli.Db, "--jobs", "3"));
        Assert.Equal(Dump(reference), Dump(_cli.Db));
    }

    [Fact]
    public async Task An_aligner_that_cannot_be_created_fails_the_run_once()
    {
        var manifest = WriteManifest(3);
        var services = new CtcAlign.Cli.Verbs.CliServices(_ => throw new CtcAlignException("model not found: x.onnx"), new WavClipSource());
        using var err = new StringWriter();
        var code = await Program.RunAsync(["align", "--manifest", manifest, "--db", _cli.Db], new CliConsole(TextWriter.Null, err, false), services);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal("ctcalign: model not found: x.onnx\n", err.ToString());
    }

    [Fact]
    public async Task An_internal_error_gives_one_line_exit_70_and_keeps_its_stack_trace_in_a_file()
    {
        var manifest = WriteManifest(2);
        var services = new CtcAlign.Cli.Verbs.CliServices(_ => throw new InvalidOperationException("a bug"), new WavClipSource());
        using var err = new StringWriter();
        var code = await Program.RunAsync(["align", "--manifest", manifest, "--db", _cli.Db], new CliConsole(TextWriter.Null, err, false), services);
        Assert.Equal(ExitCodes.InternalError, code);
        var line = Assert.Single(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^ctcalign: internal error: a bug \(details in (.+\.log)\)$");
        Assert.True(match.Success, line);
        var report = match.Groups[1].Value;
        try
        {
            var text = File.ReadAllText(report);
            Assert.Contains("System.InvalidOperationException: a bug", text);
            Assert.Contains("   at ", text); // the stack trace
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task A_newer_schema_or_unwritable_database_is_refused_with_exit_2()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        using (var db = new SQLiteConnection(_cli.Db))
            db.Execute("PRAGMA user_version = 9");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.Equal($"ctcalign: {_cli.Db}: database schema 9 is newer than this ctcalign supports ({SegmentStore.SchemaVersion}); use a newer ctcalign or another --db (nothing was changed)\n", _cli.Err);

        var underFile = Path.Combine(srt, "x.db");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", underFile));
        Assert.Equal($"ctcalign: {underFile}: cannot create the database: folder {srt} does not exist\n", _cli.Err);
        Assert.Empty(_cli.Aligners);
    }

    [Fact]
    public async Task Help_shows_real_examples_and_exits_0()
    {
        Assert.Equal(0, await _cli.RunAsync("align", "--help"));
        Assert.Contains("ctcalign align --captions episode.srt --out episode.aligned.srt episode.mp4", _cli.Out);
        Assert.Equal(0, await _cli.RunAsync("export", "--help"));
        Assert.Contains("ctcalign export --format nemo --min-confidence -2 --out corpus --padding 0.1", _cli.Out);
        Assert.Equal(0, await _cli.RunAsync("inspect", "--help"));
        Assert.Contains("ctcalign inspect --below -2", _cli.Out);
        Assert.Equal(ExitCodes.Usage, await _cli.RunAsync("align", "--no-such-option"));
    }

    private string WriteManifest(int count, params (string Id, string Line)[] extra)
    {
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (_, srt) = _cli.Media($"m{i}", 3 + i, [.. Lines.Take(2 + i % 3)]);
            lines.Add(JsonSerializer.Serialize(new { id = $"m{i}", audio = $"m{i}.wav", captions = Path.GetFileName(srt) }));
        }
        lines.InsertRange(Math.Min(2, lines.Count), extra.Select(e => e.Line));
        return _cli.Dir.Write("batch.jsonl", string.Join("\n", lines) + "\n");
    }

    /// <summary>Every stored row but ids and clock times, as text.</summary>
    internal static string Dump(string db)
    {
        using var store = SegmentStore.Open(db, readOnly: true);
        var media = store.ListMedia().Select(m => m with { RunId = 0, AlignedUtc = "" });
        return JsonSerializer.Serialize(new { counts = store.Count().ToString(), media, alignments = store.LoadAlignments() });
    }
}
