using System.Diagnostics;
using System.Globalization;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Storage;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cli;

/// <summary>
/// Captions that do not belong to the media, with the default model on the quick-start sample: another text, or random words,
/// are refused after the first minutes of audio (exit 2 alone, 3 in a batch), never stored as aligned, and fast.
/// </summary>
public sealed class ProgrammeMismatchTests : IDisposable
{
    private static readonly string[] OtherText =
    [
        "Preheat the oven and butter a shallow dish.", "Slice the potatoes as thinly as you can.", "Layer them with the onions and a little cream.",
        "Season each layer with salt and black pepper.", "Bake for an hour until the top is golden brown.", "The forecast for tomorrow is mostly dry.",
        "A band of showers will reach the coast by evening.", "Temperatures stay close to the seasonal average.", "Winds will ease overnight in the north.",
        "The match was level at half time.", "A late goal settled it for the visitors.", "Their manager praised the young defenders.",
        "Tickets for the final go on sale next week.", "The museum reopens after two years of repairs.", "Visitors can see the restored ceiling from the gallery.",
        "Entry is free for children under twelve.", "The library extends its opening hours in winter.", "Volunteers run a reading club on Saturdays.",
        "The council will vote on the new cycle lanes.", "Traffic on the bridge is slower than usual.", "Roadworks continue until the end of the month.",
        "The train to the airport leaves every twenty minutes.", "Passengers should check the boards for changes.", "The last service departs shortly before midnight.",
        "Fresh bread is baked here every morning.", "The market sells cheese from local farms.",
    ];

    private readonly TempFolder _dir = new();
    private readonly string _root = TestMedia.RepositoryRoot();

    public void Dispose() => _dir.Dispose();

    private string Sample => Path.Combine(_root, "audio-samples", "sample.wav");

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        var code = await Program.RunAsync(["align", .. args, "--model", Path.Combine(_root, "models", "default"), "--device", "cpu"],
            new CliConsole(outWriter, errWriter, false), new CliServices(DefaultAlignerFactory.Create, new DecodingClipSource()));
        return (code, outWriter.ToString(), errWriter.ToString());
    }

    /// <summary>Lines as an SRT, one cue every <paramref name="step"/> seconds from <paramref name="first"/>.</summary>
    private string Srt(string name, IReadOnlyList<string> lines, double first, double step) =>
        _dir.Write(name, string.Concat(lines.Select((l, i) =>
            $"{i + 1}\n{CaptionTimestamp.FormatSrt(first + i * step)} --> {CaptionTimestamp.FormatSrt(first + i * step + step * 0.9)}\n{l}\n\n")));

    [Fact]
    public async Task Captions_of_another_text_are_refused_alone_and_in_a_batch_and_the_sample_own_captions_pass()
    {
        var other = Srt("other.srt", OtherText, 3, 3.3);
        var db = _dir.File("m.db");
        var (code, _, err) = await RunAsync(Sample, "--captions", other, "--db", db, "--out", _dir.File("other.aligned.srt"));
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("these captions do not match this media (score ", err);
        Assert.False(File.Exists(_dir.File("other.aligned.srt")));
        Assert.False(File.Exists(db)); // nothing stored, so no database left behind

        var manifest = _dir.Write("batch.jsonl",
            $"{{\"id\": \"own\", \"audio\": \"{Sample}\", \"captions\": \"{Path.Combine(_root, "audio-samples", "sample.srt")}\"}}\n"
            + $"{{\"id\": \"other\", \"audio\": \"{Sample}\", \"captions\": \"{other}\"}}\n");
        (code, var stdout, err) = await RunAsync("--manifest", manifest, "--db", db);
        Assert.Equal(ExitCodes.PartialFailure, code);
        Assert.Contains("ctcalign: other: these captions do not match this media", err);
        Assert.Matches(@"own: aligned \(\d+ aligned, .*\); captions match the media \(score ", err);
        Assert.StartsWith("2 file(s): 1 aligned, 0 skipped, 1 failed", stdout);
        using var store = SegmentStore.Open(db, readOnly: true);
        Assert.Equal(["own"], store.ListMedia().Select(m => m.Id));
    }

    [Fact]
    public async Task Aligned_anyway_with_force_no_line_is_aligned_and_the_run_is_not_a_success()
    {
        var clip = _dir.File("clip.wav");
        TestMedia.Ffmpeg("-i", Sample, "-t", "12", clip);
        var other = Srt("other.srt", OtherText.Take(4).ToList(), 1, 2.5);
        var (code, _, err) = await RunAsync(clip, "--captions", other, "--db", _dir.File("f.db"), "--force", "--out", _dir.File("f.json"));
        Assert.Equal(ExitCodes.PartialFailure, code);
        Assert.Contains("clip: aligned against the match check (0 aligned, ", err);
        var media = Assert.Single(AlignmentJsonReader.Read(_dir.File("f.json")));
        Assert.DoesNotContain(media.Segments, s => s.Status == CtcAlign.Alignment.SegmentStatus.Aligned);
    }

    [Fact]
    public async Task A_hundred_and_twenty_random_cues_against_ninety_seconds_are_refused_in_time_proportional_to_the_audio()
    {
        // random words from a fixed list (seeded): before the check this took more than 300 s on a 2-core machine
        var words = string.Join(' ', OtherText).ToLowerInvariant().Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        var random = new Random(7);
        var lines = Enumerable.Range(0, 120).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(5, 10)).Select(_ => words[random.Next(words.Length)]))).ToList();
        var srt = Srt("random.srt", lines, 0, 0.75);
        var clock = Stopwatch.StartNew();
        var (code, _, err) = await RunAsync(Sample, "--captions", srt, "--db", _dir.File("r.db"));
        clock.Stop();
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("these captions do not match this media", err);
        Assert.True(clock.Elapsed.TotalSeconds < 90, string.Create(CultureInfo.InvariantCulture, $"refusing took {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
