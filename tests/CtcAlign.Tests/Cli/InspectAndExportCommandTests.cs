using System.Text.Json;
using CtcAlign.Cli;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Cli;

public class InspectAndExportCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] Lines = ["Good evening.", "Here is the news.", "UNSPOKEN intro line", "The weather is fine.", "Goodbye now."];

    private async Task AlignTwoAsync()
    {
        var (wav, srt) = _cli.Media("news", 5, Lines);
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        var (wav2, srt2) = _cli.Media("weather", 2, "Sunny today.", "Rain tomorrow.");
        Assert.Equal(0, await _cli.RunAsync("align", wav2, "--captions", srt2, "--db", _cli.Db));
    }

    [Fact]
    public async Task Inspect_shows_counts_histogram_and_worst_lines_per_media()
    {
        await AlignTwoAsync();
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--media", "news", "--worst", "2"));
        var lines = _cli.Out.Split('\n');
        Assert.StartsWith("media news: ", lines[0]);
        Assert.Equal("  lines: 5 total, 3 aligned, 1 low confidence, 1 not aligned", lines[1]);
        Assert.Equal("  rho histogram:", lines[2]);
        Assert.Equal($"          >= -1 |{new string('#', 40)}| 2", lines[3]);
        Assert.Equal($"    [-2, -1)    |{new string('#', 20),-40}| 1", lines[4]);
        Assert.Equal($"    [-3, -2)    |{new string('#', 20),-40}| 1", lines[5]);
        Assert.Equal($"    not aligned |{new string('#', 20),-40}| 1", lines[9]);
        Assert.Equal("  worst 2 lines: 2", lines[10]);
        Assert.StartsWith("        2  00:00:02.000  00:00:03.000   -20.00      -      -  not_aligned     UNSPOKEN intro line", lines[12]);
        Assert.StartsWith("        4  00:00:04.000  00:00:05.000    -2.50      -      -  low_confidence  Goodbye now.", lines[13]);
        Assert.DoesNotContain("media weather", _cli.Out);
    }

    [Fact]
    public async Task Inspect_shows_times_on_the_programme_timeline_as_export_writes_them()
    {
        await AlignTwoAsync();
        using (var store = CtcAlign.Storage.SegmentStore.Open(_cli.Db))
            store.SetTimelineOffset("news", 36000.5); // audio 0.5 s into a programme timed from 10:00:00
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--media", "news", "--worst", "2"));
        var lines = _cli.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("  times on the programme's timeline: the audio starts at 10:00:00.500", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("        2  10:00:02.500  10:00:03.500   -20.00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("        4  10:00:04.500  10:00:05.500    -2.50", StringComparison.Ordinal));
        var srt = Path.Combine(Path.GetDirectoryName(_cli.Db)!, "news.srt");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--media", "news", "--format", "srt", "--out", srt));
        Assert.Contains("10:00:03,500 --> 10:00:04,500", File.ReadAllText(srt));

        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--media", "weather"));
        Assert.DoesNotContain("programme's timeline", _cli.Out); // audio times are the timeline: nothing to say
    }

    [Fact]
    public void Inspect_table_for_terminals_holds_every_line_and_its_text()
    {
        using var writer = new StringWriter();
        var lines = SampleAlignments.Episode().Segments;
        CtcAlign.Cli.Verbs.InspectCommand.WriteTable(writer, lines);
        var text = writer.ToString();
        Assert.Contains("│ index │ start", text);
        Assert.Contains("│ low_confidence │", text);
        Assert.Contains("Never said on air", text);
        Assert.Contains("00:00:06.000", text); // not aligned: shown at its hint times
        Assert.DoesNotContain("\u001b[", text); // no ANSI codes when not writing to the terminal
    }

    [Fact]
    public async Task Inspect_below_lists_every_line_under_the_value()
    {
        await AlignTwoAsync();
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--below", "-0.9"));
        Assert.Contains("media news:", _cli.Out);
        Assert.Contains("media weather:", _cli.Out);
        Assert.Contains("  lines with rho below -0.9: 4", _cli.Out);
        Assert.Contains("  lines with rho below -0.9: 1", _cli.Out);
    }

    [Fact]
    public async Task Inspect_below_with_worst_counts_every_line_under_the_value_and_shows_the_worst()
    {
        await AlignTwoAsync();
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--media", "news", "--below", "-0.9", "--worst", "2"));
        Assert.Contains("  lines with rho below -0.9: 4, the worst 2 of them\n", _cli.Out.ReplaceLineEndings("\n"));
        var rows = _cli.Out.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.Contains("index  start")).Skip(1).TakeWhile(l => l.Length > 0);
        Assert.Equal(2, rows.Count());
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--media", "news", "--below", "-0.9", "--worst", "9"));
        Assert.Contains("  lines with rho below -0.9: 4\n", _cli.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Inspect_and_export_errors_are_one_line()
    {
        var missing = _cli.Dir.File("none.db");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("inspect", "--db", missing));
        Assert.Equal($"ctcalign: {missing}: no database there (align something into it first)\n", _cli.Err);
        Assert.False(File.Exists(missing));
        await AlignTwoAsync();
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--media", "nope", "--format", "json", "--out", _cli.Dir.File("x.json")));
        Assert.Equal($"ctcalign: {_cli.Db}: no media with id 'nope'\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "mp3", "--out", _cli.Dir.File("x")));
        Assert.Equal("ctcalign: unknown --format 'mp3' (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d, json, ctm, textgrid, nemo, kaldi, hf, lhotse)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", _cli.Dir.File("c"), "--max-duration", "0.2"));
        Assert.Equal("ctcalign: --max-duration (0.2 s) must be more than twice the --padding (0.15 s)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", _cli.Dir.File("c"), "--min-duration", "-1"));
        Assert.Equal("ctcalign: --min-duration must be 0 or more (got -1)\n", _cli.Err);
    }

    [Fact]
    public async Task Export_json_of_all_media_matches_the_store()
    {
        await AlignTwoAsync();
        var json = _cli.Dir.File("all.json");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", json));
        var media = AlignmentJsonReader.Read(json);
        Assert.Equal(["news", "weather"], media.Select(m => m.Id));
        Assert.Equal(5, media[0].Segments.Count);
    }

    [Fact]
    public async Task Export_srt_with_min_confidence_drops_or_keeps_weak_lines()
    {
        await AlignTwoAsync();
        var srt = _cli.Dir.File("news.srt");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--media", "news", "--format", "srt", "--out", srt, "--min-confidence", "-1.2"));
        Assert.Equal(["Good evening.", "Here is the news."], SrtReader.Read(srt).Select(l => l.Text));
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--media", "news", "--format", "srt", "--out", srt, "--min-confidence", "-1.2", "--keep-unaligned"));
        Assert.Equal(Lines, SrtReader.Read(srt).Select(l => l.Text));
    }

    [Fact]
    public async Task Export_of_several_media_to_textgrid_writes_a_folder()
    {
        await AlignTwoAsync();
        var folder = _cli.Dir.File("grids");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "textgrid", "--out", folder));
        Assert.Equal(["news.TextGrid", "weather.TextGrid"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(2, TextGridReader.Read(Path.Combine(folder, "weather.TextGrid")).Count);
    }

    [Theory]
    [InlineData("nemo", "manifest.jsonl")]
    [InlineData("kaldi", "wav.scp")]
    [InlineData("hf", "metadata.csv")]
    [InlineData("lhotse", "supervisions.jsonl")]
    public async Task Corpus_exports_cut_real_wav_clips_whose_durations_match_the_segments(string format, string indexFile)
    {
        await AlignTwoAsync();
        var corpus = _cli.Dir.File("corpus-" + format);
        string[] clipsFlag = format == "kaldi" ? ["--clips"] : [];
        Assert.Equal(0, await _cli.RunAsync(["export", "--db", _cli.Db, "--format", format, "--out", corpus, "--min-confidence", "-2", "--padding", "0", .. clipsFlag]));
        Assert.StartsWith("exported 5 utterances", _cli.Out);
        Assert.True(File.Exists(Path.Combine(corpus, indexFile)));
        var clips = Directory.GetFiles(Path.Combine(corpus, "clips")).Order().ToList();
        Assert.Equal(5, clips.Count);
        foreach (var clip in clips)
        {
            var samples = TestAudio.ReadWav(clip, out var wavFormat);
            Assert.Equal((16_000, 1), (wavFormat.SampleRate, wavFormat.Channels));
            Assert.Equal(16_000, samples.Length); // the fake aligner gives every line of these media 1 s
        }
        if (format == "nemo")
        {
            var first = JsonDocument.Parse(File.ReadLines(Path.Combine(corpus, indexFile)).First()).RootElement;
            Assert.Equal(("clips/news-00000.wav", 1.0, "good evening."),
                (first.GetProperty("audio_filepath").GetString(), first.GetProperty("duration").GetDouble(), first.GetProperty("text").GetString()));
        }
    }

    [Fact]
    public async Task Corpus_padding_is_clamped_to_the_media_and_the_neighbouring_lines()
    {
        await AlignTwoAsync();
        var corpus = _cli.Dir.File("padded");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", corpus, "--padding", "0.25"));
        var clips = File.ReadLines(Path.Combine(corpus, "manifest.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("audio_filepath").GetString()!, e => e.GetProperty("duration").GetDouble());
        // weather: two 1 s lines back to back in 2 s of audio; news: line 2 (2-3 s) is not aligned, so its silence pads lines 1 and 3.
        Assert.Equal(1.0, clips["clips/weather-00000.wav"]);
        Assert.Equal(1.0, clips["clips/weather-00001.wav"]);
        Assert.Equal(1.25, clips["clips/news-00001.wav"]);
    }

    [Fact]
    public async Task Corpus_lines_longer_than_max_duration_are_split_between_words()
    {
        await AlignTwoAsync();
        var corpus = _cli.Dir.File("split");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", corpus, "--media", "weather", "--max-duration", "0.6", "--padding", "0"));
        var clips = File.ReadLines(Path.Combine(corpus, "manifest.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["clips/weather-00000-000.wav", "clips/weather-00000-001.wav", "clips/weather-00001-000.wav", "clips/weather-00001-001.wav"],
            clips.Select(c => c.GetProperty("audio_filepath").GetString()));
        Assert.Equal(["sunny", "today."], clips.Take(2).Select(c => c.GetProperty("text").GetString()));
        Assert.All(clips, c => Assert.Equal(0.5, c.GetProperty("duration").GetDouble()));
    }

    [Fact]
    public async Task Kaldi_export_lists_the_original_recordings_with_offsets_by_default()
    {
        await AlignTwoAsync();
        var corpus = _cli.Dir.File("kaldi");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "kaldi", "--out", corpus, "--media", "weather"));
        Assert.False(Directory.Exists(Path.Combine(corpus, "clips")));
        var wavScp = File.ReadAllLines(Path.Combine(corpus, "wav.scp"));
        Assert.Single(wavScp);
        Assert.True(File.Exists(wavScp[0].Split(' ', 2)[1]));
        Assert.Equal(["weather-00000 weather 0.000 1.000", "weather-00001 weather 1.000 2.000"], File.ReadAllLines(Path.Combine(corpus, "segments")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(corpus, "utt2word_confidence")).Length);
    }
}

/// <summary>p_correct in inspect (histogram, order, --below-p) and the exports' --min-p filter.</summary>
public sealed class PCorrectCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] Lines = ["Good evening.", "Here is the news.", "UNSPOKEN intro line", "The weather is fine.", "Goodbye now."];

    // line i: p_correct 0.95, 0.35, (not placed), 0.72, 0.99
    private static readonly double[] P = [0.95, 0.35, 0, 0.72, 0.99];

    private async Task AlignAsync()
    {
        _cli.ConfigureAligner = a => a.PCorrectOf = i => P[i];
        var (wav, srt) = _cli.Media("news", 5, Lines);
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
    }

    [Fact]
    public async Task Inspect_has_a_p_correct_histogram_and_lists_the_lowest_p_correct_first()
    {
        await AlignAsync();
        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--worst", "3"));
        var lines = _cli.Out.Split('\n');
        var h = Array.IndexOf(lines, "  p_correct histogram:");
        Assert.True(h > 0, _cli.Out);
        Assert.Equal($"    [0.3, 0.4)   |{new string('#', 20),-40}| 1", lines[h + 4]);
        Assert.Equal($"    [0.7, 0.8)   |{new string('#', 20),-40}| 1", lines[h + 8]);
        Assert.Equal($"    [0.9, 1.0]   |{new string('#', 40)}| 2", lines[h + 10]);
        Assert.Equal($"    no p_correct |{new string('#', 20),-40}| 1", lines[h + 11]);
        Assert.Equal("  worst 3 lines: 3", lines[h + 12]);
        Assert.StartsWith("        2  00:00:02.000  00:00:03.000   -20.00      -      -  not_aligned", lines[h + 14]);
        Assert.StartsWith("        1  00:00:01.000  00:00:02.000    -1.00   0.35      -  aligned ", lines[h + 15]);
        Assert.StartsWith("        3  00:00:03.000  00:00:04.000    -2.00   0.72      -  aligned ", lines[h + 16]);

        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--worst", "3", "--sort", "rho"));
        Assert.Contains("        4  00:00:04.000  00:00:05.000    -2.50   0.99", _cli.Out);

        Assert.Equal(0, await _cli.RunAsync("inspect", "--db", _cli.Db, "--below-p", "0.9"));
        Assert.Contains("  lines with p_correct below 0.9 (or none): 3", _cli.Out);
        Assert.DoesNotContain("Good evening.", _cli.Out);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("inspect", "--db", _cli.Db, "--sort", "wer"));
        Assert.Equal("ctcalign: unknown --sort 'wer' (p or rho)\n", _cli.Err);
    }

    [Fact]
    public async Task Exports_take_only_lines_at_or_above_min_p()
    {
        await AlignAsync();
        var json = _cli.Dir.File("out.json");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", json, "--min-p", "0.72"));
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var segments = doc.RootElement.GetProperty("media")[0].GetProperty("segments").EnumerateArray().ToList();
            Assert.Equal([0, 3, 4], segments.Select(s => s.GetProperty("index").GetInt32()));
            Assert.Equal([0.95, 0.72, 0.99], segments.Select(s => s.GetProperty("p_correct").GetDouble()));
        }

        var corpus = _cli.Dir.File("corpus");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", corpus, "--min-p", "0.9", "--padding", "0"));
        Assert.StartsWith("exported 2 utterances", _cli.Out);
        var texts = File.ReadLines(Path.Combine(corpus, "manifest.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal(["good evening.", "goodbye now."], texts);

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "nemo", "--out", corpus, "--min-p", "1.5"));
        Assert.Equal("ctcalign: --min-p must be from 0 to 1 (got 1.5)\n", _cli.Err);
    }

    [Fact]
    public async Task Min_p_needs_p_correct_in_the_database_and_a_calibrated_model_to_align()
    {
        var (wav, srt) = _cli.Media("plain", 2, "Sunny today.", "Rain tomorrow.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", _cli.Dir.File("x.json"), "--min-p", "0.9"));
        Assert.StartsWith("ctcalign: --min-p: ", _cli.Err);
        Assert.Contains("holds no p_correct", _cli.Err);

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--min-p", "0.9",
            "--model", CtcAlign.Tests.Acoustic.ModelFixtures.CtcAlignPackage, "--force"));
        Assert.Contains("--min-p needs a model whose package has a p_correct calibration", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--min-p", "0.9", "--no-calibration"));
        Assert.Equal("ctcalign: give --min-p or --no-calibration, not both\n", _cli.Err);
    }
}
