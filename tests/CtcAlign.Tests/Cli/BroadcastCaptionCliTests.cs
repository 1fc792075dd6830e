using System.Text;
using CtcAlign.Formats;
using CtcAlign.Tests.Formats;

namespace CtcAlign.Tests.Cli;

/// <summary>SCC and EBU STL captions in and out through align and export (fake aligner: 2 s of audio split evenly between the lines).</summary>
public sealed class BroadcastCaptionCliTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Two pop-on captions on row 15 (pairs computed apart from the code under test), the second erased at 00:00:01;20.</summary>
    private const string Scc = "Scenarist_SCC V1.0\n\n"
        + "00:00:00;00\t9420 9420 94ae 94ae 9470 9470 c8e5 ecec ef20 f468 e5f2 e5ae 942f 942f\n\n"
        + "00:00:01;00\t9420 9420 94ae 94ae 9470 9470 c7e5 6ee5 f261 ec20 cbe5 6eef 62e9 ae80 942f 942f\n\n"
        + "00:00:01;20\t942c 942c\n";

    [Fact]
    public async Task Scc_captions_are_aligned_written_as_scc_and_exported_as_stl()
    {
        var (wav, _) = _cli.Media("clip", 2);
        var scc = _cli.Dir.Write("clip.scc", Scc);
        var output = _cli.Dir.File("out.scc");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", scc, "--db", _cli.Db, "--out", output));
        // the first cue starts at 0: its 12 loading pairs cannot go out before it
        Assert.Contains("wrote " + output + ": 2 cues", _cli.Err);
        Assert.Contains("1 cue starts late: no time to load before the start (up to 0.40 s late, cue 1)", _cli.Err);
        var written = CaptionReader.ReadDocument(output);
        Assert.Equal(["Hello there.", "General Kenobi."], written.Lines.Select(l => l.Text));
        Assert.Equal([(12L, 30L), (30L, 60L)], written.Cues.Select(c => (NtscTimecode.FrameAt(c.Start!.Value), NtscTimecode.FrameAt(c.End!.Value))));

        var exported = _cli.Dir.File("exported.stl");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "stl", "--out", exported));
        Assert.Contains("exported " + exported + ": 2 cues", _cli.Out);
        var stl = CaptionReader.ReadDocument(exported);
        Assert.Equal(CaptionFileKind.Stl, stl.Kind);
        Assert.Equal([(0.0, 1.0), (1.0, 2.0)], stl.Cues.Select(c => (c.Start!.Value, c.End!.Value)));

        Assert.Equal(2, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "stl", "--out", "-"));
        Assert.Contains("EBU STL is binary", _cli.Err);
    }

    [Fact]
    public async Task Stl_timed_from_its_start_of_programme_comes_back_on_that_timeline_with_its_blocks_kept()
    {
        var (wav, _) = _cli.Media("clip", 2);
        byte[] ttis =
        [
            .. StlRoundTripTests.Tti(1, 0xFF, (10, 0, 0, 5), (10, 0, 0, 20), StlRoundTripTests.Bytes(0x0D, 0x80, "Hello", 0x81, " there.")),
            .. StlRoundTripTests.Tti(2, 0xFF, (10, 0, 1, 5), (10, 0, 1, 20), StlRoundTripTests.Ascii("General Kenobi.")),
        ];
        var stl = _cli.Dir.Write("clip.stl", [.. StlRoundTripTests.Gsi("STL25.01", 2, 2, "10000000", "10000005"), .. ttis]);
        var output = _cli.Dir.File("out.stl");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", stl, "--db", _cli.Db, "--out", output));
        Assert.Contains("the captions are timed from 10:00:00", _cli.Err);
        var written = File.ReadAllBytes(output);
        var again = StlReader.Parse(written, "out.stl");
        Assert.Equal(["<i>Hello</i> there.", "General Kenobi."], again.Cues.Select(c => string.Join("|", c.TextLines)));
        Assert.Equal([(36_000.0, 36_001.0), (36_001.0, 36_002.0)], again.Cues.Select(c => (c.Start!.Value, c.End!.Value)));
        Assert.Equal("Evening News", Encoding.ASCII.GetString(written, 16, 12)); // the GSI block as it was

        var exported = _cli.Dir.File("exported.srt");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "srt", "--out", exported));
        Assert.Equal("1\n10:00:00,000 --> 10:00:01,000\n<i>Hello</i> there.\n\n2\n10:00:01,000 --> 10:00:02,000\nGeneral Kenobi.\n\n", File.ReadAllText(exported));
    }

    [Fact]
    public async Task Greek_captions_export_as_stl_in_the_greek_table_and_mixed_scripts_are_refused_in_one_line()
    {
        var (wav, _) = _cli.Media("clip", 2);
        var srt = _cli.Dir.Write("clip.srt", "1\n00:00:00,000 --> 00:00:01,000\nΚαλησπέρα σας.\n\n2\n00:00:01,000 --> 00:00:02,000\nΕιδήσεις.\n");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        var exported = _cli.Dir.File("greek.stl");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "stl", "--out", exported));
        var bytes = File.ReadAllBytes(exported);
        Assert.Equal("03", Encoding.ASCII.GetString(bytes, 12, 2));
        Assert.Equal(["Καλησπέρα σας.", "Ειδήσεις."], CaptionReader.ReadDocument(exported).Lines.Select(l => l.Text));

        var (other, _) = _cli.Media("other", 2);
        var mixed = _cli.Dir.Write("other.srt", "1\n00:00:00,000 --> 00:00:01,000\nΚαλησπέρα.\n\n2\n00:00:01,000 --> 00:00:02,000\nДобрый вечер.\n");
        var refused = _cli.Dir.File("mixed.stl");
        var code = await _cli.RunAsync("align", other, "--captions", mixed, "--db", _cli.Db, "--out", refused);
        Assert.Equal(2, code);
        Assert.Contains("no character code table", _cli.Err);
        Assert.DoesNotContain("   at ", _cli.Err);
        Assert.False(File.Exists(refused));
        var folder = _cli.Dir.File("srt");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "srt", "--out", folder)); // the alignment was stored
        Assert.Contains("Добрый вечер.", File.ReadAllText(Path.Combine(folder, "other.srt")));
    }
}
