namespace CtcAlign.Tests.Cli;

/// <summary>SBV and ASS captions in and out through align and export (fake aligner: 2 s of audio split evenly between the lines).</summary>
public sealed class CaptionFormatCliTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sbv_captions_are_aligned_written_as_sbv_and_exported_again()
    {
        var (wav, _) = _cli.Media("clip", 2);
        var sbv = _cli.Dir.Write("clip.sbv", "0:00:00.100,0:00:00.900\nHello there.\n\n0:00:01.100,0:00:01.900\nGeneral Kenobi.\n");
        var output = _cli.Dir.File("out.sbv");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", sbv, "--db", _cli.Db, "--out", output));
        Assert.Contains("wrote " + output + ": 2 cues", _cli.Err);
        Assert.Equal("0:00:00.000,0:00:01.000\nHello there.\n\n0:00:01.000,0:00:02.000\nGeneral Kenobi.\n", File.ReadAllText(output));

        var exported = _cli.Dir.File("exported.sbv");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "sbv", "--out", exported, "--offset", "0.5"));
        Assert.Equal("0:00:00.500,0:00:01.500\nHello there.\n\n0:00:01.500,0:00:02.500\nGeneral Kenobi.\n", File.ReadAllText(exported));
    }

    [Fact]
    public async Task An_ass_script_is_aligned_and_written_back_with_its_styles_and_srt_is_exported_as_a_script()
    {
        var (wav, srt) = _cli.Media("clip", 2, "Hello there.", "General Kenobi.");
        const string head = "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nStyle: Top,Arial,20,&H00FFFFFF,&H00FFFFFF,&H0,&H0,0,0,0,0,100,100,0,0,1,2,0,8,10,10,10,1\n\n"
            + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
        var ass = _cli.Dir.Write("clip.ass", head + "Dialogue: 0,0:00:00.10,0:00:00.90,Top,,0,0,0,,{\\i1}Hello{\\i0} there.\n"
            + "Dialogue: 0,0:00:01.10,0:00:01.90,Top,,0,0,0,,General Kenobi.\n");
        var output = _cli.Dir.File("out.ass");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", ass, "--db", _cli.Db, "--out", output, "--id", "script"));
        Assert.Equal(head + "Dialogue: 0,0:00:00.00,0:00:01.00,Top,,0,0,0,,{\\i1}Hello{\\i0} there.\n"
            + "Dialogue: 0,0:00:01.00,0:00:02.00,Top,,0,0,0,,General Kenobi.\n", File.ReadAllText(output));

        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--id", "plain"));
        var exported = _cli.Dir.File("plain.ass");
        Assert.Equal(0, await _cli.RunAsync("export", "--db", _cli.Db, "--media", "plain", "--format", "ass", "--out", exported));
        Assert.EndsWith("Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,Hello there.\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,General Kenobi.\n",
            File.ReadAllText(exported));
    }
}
