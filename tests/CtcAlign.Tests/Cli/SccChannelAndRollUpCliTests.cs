using CtcAlign.Cli;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Cli;

/// <summary>align --scc-channel reads CC1 or CC2 of an SCC file; --scc-mode writes roll-up SCC from align and export.</summary>
public sealed class SccChannelAndRollUpCliTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    // CC1 "Hell" and CC2 "Hola" (first bytes 0x1C), loaded in the same stretch, shown on frames 46 and 48
    private const string BothChannels = "Scenarist_SCC V1.0\n\n"
        + "00:00:01;00\t9420 9420 94ae 94ae 9470 9470 c8e5 ecec 1c20 1c20 1cae 1cae 1c70 1c70 c8ef ec61 942f 942f 1c2f 1c2f\n\n"
        + "00:00:03;00\t942c 942c 1c2c 1c2c\n";

    [Fact]
    public async Task Each_channel_is_its_own_alignment_and_comes_out_as_roll_up_scc()
    {
        var (wav, _) = _cli.Media("bi", 3, "x");
        var scc = _cli.Dir.Write("bi.scc", BothChannels);
        var rollUp = _cli.Dir.File("cc2.scc");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", scc, "--scc-channel", "CC2", "--db", _cli.Db,
            "--out", rollUp, "--scc-mode", "roll-up3", "--threshold", "-5", "--no-progress"));
        Assert.Contains("also carries 1 caption on CC1", _cli.Err);
        var text = File.ReadAllText(rollUp);
        Assert.Contains("1c26 1c26", text); // RU3 on CC2, the channel the captions were read from
        Assert.DoesNotContain("9426", text);
        var back = CaptionReader.ReadDocument(rollUp, sccChannel: 2);
        Assert.Equal(["Hola"], back.Lines.Select(l => l.Text));
        Assert.Equal("roll-up r15c0", back.Cues.Single().Settings);
        Assert.Throws<CaptionFormatException>(() => CaptionReader.ReadDocument(rollUp));

        // CC1 of the same file is another alignment, not skipped as done; asked again, it is
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", scc, "--db", _cli.Db, "--threshold", "-5", "--no-progress"));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped", _cli.Out);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", scc, "--db", _cli.Db, "--threshold", "-5", "--no-progress"));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped", _cli.Out);

        var exported = _cli.Dir.File("cc1.scc");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "scc", "--out", exported, "--scc-mode", "roll-up2"));
        Assert.Contains("9425 9425", File.ReadAllText(exported));
        Assert.Equal(["Hell"], CaptionReader.ReadDocument(exported).Lines.Select(l => l.Text));

        // CC1's captions written on CC2 when asked
        var moved = _cli.Dir.File("moved.scc");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "scc", "--out", moved, "--scc-out-channel", "CC2"));
        Assert.Equal(["Hell"], CaptionReader.ReadDocument(moved, sccChannel: 2).Lines.Select(l => l.Text));
        Assert.Contains("cc2", Assert.Throws<CaptionFormatException>(() => CaptionReader.ReadDocument(moved)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_channels_and_modes_and_roll_up_for_other_formats_are_one_line_errors()
    {
        var (wav, srt) = _cli.Media("talk", 2, "One line", "Two");
        var scc = _cli.Dir.Write("cc2only.scc", BothChannels.Replace("9420 9420 94ae 94ae 9470 9470 c8e5 ecec ", "").Replace("942f 942f ", "").Replace("942c 942c ", ""));
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", scc, "--db", _cli.Db, "--no-progress"));
        Assert.Contains("cc2only.scc: no captions on caption channel CC1; CC2 has 1 caption (--scc-channel CC2 reads them)", _cli.Err);
        Assert.DoesNotContain("   at ", _cli.Err);

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", scc, "--scc-channel", "CC3", "--db", _cli.Db, "--no-progress"));
        Assert.Equal("ctcalign: unknown --scc-channel 'CC3' (CC1 or CC2: SCC files carry field 1 only)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", _cli.Dir.File("a.scc"), "--scc-mode", "roll-up9"));
        Assert.Equal("ctcalign: unknown --scc-mode 'roll-up9' (pop-on, roll-up2, roll-up3 or roll-up4)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", _cli.Dir.File("a.srt"), "--scc-mode", "roll-up"));
        Assert.Equal("ctcalign: --scc-mode roll-up is for scc output: give --out FILE.scc\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", _cli.Dir.File("a.scc"), "--scc-out-channel", "CC4"));
        Assert.Equal("ctcalign: unknown --scc-out-channel 'CC4' (CC1 or CC2: SCC files carry field 1 only)\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", _cli.Dir.File("a.vtt"), "--scc-out-channel", "CC2"));
        Assert.Equal("ctcalign: --scc-out-channel is for scc output: give --out FILE.scc\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("submit", "--manifest", _cli.Dir.File("jobs.jsonl"), "--scc-channel", "CC2", "--db", _cli.Db));
        Assert.Equal("ctcalign: --scc-channel CC2 is for align: the cluster's workers read SCC captions on CC1\n", _cli.Err);
        Assert.False(File.Exists(_cli.Db)); // nothing aligned, nothing stored
    }
}
