using CtcAlign.Cli;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Cli;

/// <summary>align --out and export write re-timed SRT/WebVTT that keep the caption file as written; clean-up options from the CLI.</summary>
public class SubtitleOutputCliTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    // The fake aligner splits 4 s evenly: one second a line; line 3 (UNSPOKEN) is not aligned, lines 2+ are low confidence at -2 (rho -1.5, -2.0 ...).
    private const string Vtt = "WEBVTT\nKind: captions\n\nSTYLE\n::cue { color: white }\n\n"
        + "a\n00:00:00.500 --> 00:00:01.500 align:start\n<v Anna><i>Good</i> evening,\nand welcome.\n\n"
        + "NOTE desk note\n\n"
        + "b\n00:00:01.500 --> 00:00:02.500 line:90%\n<b>Here</b> is the news.\n\n"
        + "00:00:02.000 --> 00:00:03.000\nUNSPOKEN intro &amp; line\n\n"
        + "d\n00:00:03.000 --> 00:00:04.000\nGoodbye.\n";

    [Fact]
    public async Task Align_and_export_write_the_same_file_keeping_blocks_ids_settings_and_styling()
    {
        var (wav, _) = _cli.Media("news", 4, "x");
        var vtt = _cli.Dir.Write("news.vtt", Vtt);
        var aligned = _cli.Dir.File("aligned.vtt");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", vtt, "--db", _cli.Db, "--out", aligned, "--threshold", "-5", "--no-progress"));
        Assert.Contains($"wrote {aligned}: 3 cues (1 line not aligned left out (--keep-unaligned keeps it)); fastest ", _cli.Err);
        Assert.Equal("WEBVTT\nKind: captions\n\nSTYLE\n::cue { color: white }\n\n"
            + "a\n00:00:00.000 --> 00:00:01.000 align:start\n<v Anna><i>Good</i> evening,\nand welcome.\n\n"
            + "NOTE desk note\n\n"
            + "b\n00:00:01.000 --> 00:00:02.000 line:90%\n<b>Here</b> is the news.\n\n"
            + "d\n00:00:03.000 --> 00:00:04.000\nGoodbye.\n\n", File.ReadAllText(aligned));

        var exported = _cli.Dir.File("exported.vtt");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "vtt", "--out", exported));
        Assert.Equal(File.ReadAllText(aligned), File.ReadAllText(exported));

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "vtt", "--out", exported, "--keep-unaligned"));
        Assert.Equal($"exported {exported}: 4 cues (1 not aligned, kept between their neighbours); fastest 26.0 characters/s (cue 1), 2 above 20\n", _cli.Out);
        Assert.Contains("NOTE ctcalign: the next cue is not_aligned; placed between its re-timed neighbours\n\n00:00:02.000 --> 00:00:03.000\nUNSPOKEN intro &amp; line\n\n", File.ReadAllText(exported));
    }

    [Fact]
    public async Task Srt_export_with_clean_up_options_and_bad_values()
    {
        var (wav, srt) = _cli.Media("news", 4, "<i>Good evening.</i>", "{\\an8}Here is\nthe news.", "The weather.", "Goodbye.");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--threshold", "-5"));
        var outSrt = _cli.Dir.File("out.srt");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "srt", "--out", outSrt,
            "--offset", "0.5", "--min-gap", "0.1", "--fps", "25"));
        Assert.Equal("1\n00:00:00,520 --> 00:00:01,400\n<i>Good evening.</i>\n\n2\n00:00:01,520 --> 00:00:02,400\n{\\an8}Here is\nthe news.\n\n"
            + "3\n00:00:02,520 --> 00:00:03,400\nThe weather.\n\n4\n00:00:03,520 --> 00:00:04,520\nGoodbye.\n\n", File.ReadAllText(outSrt));

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "srt", "--out", outSrt, "--min-cue-duration", "-1"));
        Assert.Equal("ctcalign: --min-cue-duration must be 0 or more seconds (got -1)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", outSrt, "--fps", "0"));
        Assert.Equal("ctcalign: --fps must be a frame rate between 0 and 1000 (got 0)\n", _cli.Err);
    }
}
