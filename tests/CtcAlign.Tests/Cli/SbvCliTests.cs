namespace CtcAlign.Tests.Cli;

/// <summary>SBV captions in and out through align and export (fake aligner: 2 s of audio split evenly between the lines).</summary>
public sealed class SbvCliTests : IDisposable
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
}
