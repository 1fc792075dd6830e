using CtcAlign.Cli;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Cli;

/// <summary>align --out and export write TTML (kept, or IMSC1/DFXP/EBU-TT-D from other captions) and karaoke srt/vtt/ass.</summary>
public sealed class TtmlAndKaraokeCliTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    // The fake aligner gives each line one second of the 3 s and each word an equal share of it.
    private const string Ttml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000" xml:lang="en">
          <body>
            <div>
              <p begin="5000000t" end="15000000t">Good <span tts:fontStyle="italic">evening</span></p>
              <p begin="15000000t" end="25000000t">Here is<br/>the news</p>
              <p begin="25000000t" end="30000000t">Goodbye</p>
            </div>
          </body>
        </tt>
        """;

    [Fact]
    public async Task Ttml_captions_come_back_as_the_same_document_with_aligned_ticks_and_as_ebu_tt_d_and_karaoke_vtt()
    {
        var (wav, _) = _cli.Media("news", 3, "x");
        var captions = _cli.Dir.Write("news.ttml", Ttml);
        var aligned = _cli.Dir.File("aligned.ttml");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", captions, "--db", _cli.Db, "--out", aligned, "--threshold", "-5", "--no-progress"));
        Assert.Contains($"wrote {aligned}: 3 cues", _cli.Err);
        Assert.Equal(Ttml.Replace("""<p begin="5000000t" end="15000000t">""", """<p begin="0t" end="10000000t">""")
            .Replace("""<p begin="15000000t" end="25000000t">""", """<p begin="10000000t" end="20000000t">""")
            .Replace("""<p begin="25000000t" end="30000000t">""", """<p begin="20000000t" end="30000000t">"""), File.ReadAllText(aligned));

        var ebu = _cli.Dir.File("news.ebuttd.xml");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "ebu-tt-d", "--out", ebu));
        var document = CaptionReader.ReadDocument(ebu);
        Assert.Equal(["Good evening", "Here is the news", "Goodbye"], document.Lines.Select(l => l.Text));
        Assert.Equal([0.0, 1.0, 2.0], document.Lines.Select(l => l.Start!.Value));
        Assert.Contains("urn:ebu:tt:distribution:2014-01", File.ReadAllText(ebu));

        var vtt = _cli.Dir.File("karaoke.vtt");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "vtt", "--out", vtt, "--karaoke"));
        Assert.Contains("00:00:00.000 --> 00:00:01.000\nGood <i><00:00:00.500>evening</i>\n", File.ReadAllText(vtt));

        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "json", "--out", _cli.Dir.File("x.json"), "--karaoke"));
        Assert.Equal("ctcalign: --karaoke highlights words in srt, vtt, ass, ttml or dfxp; not in json\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "ebu-tt-d", "--out", _cli.Dir.File("x.xml"), "--karaoke"));
        Assert.Equal("ctcalign: --karaoke highlights words in srt, vtt, ass, ttml or dfxp; not in ebu-tt-d\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", captions, "--db", _cli.Db, "--out", _cli.Dir.File("k.scc"), "--karaoke"));
        Assert.Equal("ctcalign: --karaoke highlights words in srt, vtt, ass, ttml or dfxp output: give --out FILE.srt|.vtt|.ass|.ttml|.dfxp\n", _cli.Err);
    }

    [Fact]
    public async Task Srt_captions_become_a_dfxp_document_and_broken_ttml_is_a_one_line_error()
    {
        var (wav, srt) = _cli.Media("talk", 2, "<i>One</i> line", "Two");
        var dfxp = _cli.Dir.File("talk.dfxp");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--out", dfxp, "--threshold", "-5", "--no-progress"));
        var text = File.ReadAllText(dfxp);
        Assert.Contains("<tt xmlns=\"http://www.w3.org/2006/10/ttaf1\"", text);
        Assert.Contains("<p xml:id=\"c1\" begin=\"00:00:00.000\" end=\"00:00:01.000\" style=\"centre\" region=\"bottom\"><span style=\"i\">One</span> line</p>", text);

        var broken = _cli.Dir.Write("broken.ttml", "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"soon\" end=\"2s\">x</p></body></tt>");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", wav, "--captions", broken, "--db", _cli.Db, "--no-progress"));
        Assert.True(_cli.Err.Contains("broken.ttml: line 1: <p> begin 'soon' is not a TTML time expression", StringComparison.Ordinal), _cli.Err);
        Assert.DoesNotContain("   at ", _cli.Err);
    }

    [Fact]
    public async Task Webvtt_voices_become_ttml_agents_and_ass_names_and_ttml_karaoke_has_timed_word_spans()
    {
        var (wav, _) = _cli.Media("talk", 2, "x");
        var vtt = _cli.Dir.Write("talk.vtt", "WEBVTT\n\n00:00:00.500 --> 00:00:01.000\n<v Anna>Good evening\n\n00:00:01.000 --> 00:00:02.000\n<v Bob>Hello\n");
        var ttml = _cli.Dir.File("talk.ttml");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("align", wav, "--captions", vtt, "--db", _cli.Db, "--out", ttml, "--karaoke", "--threshold", "-5", "--no-progress"));
        var text = File.ReadAllText(ttml);
        Assert.Contains("<ttm:agent xml:id=\"agent1\" type=\"person\"><ttm:name type=\"full\">Anna</ttm:name></ttm:agent>", text);
        // the fake aligner gives "Good evening" 0-1 s, each word half of it
        Assert.Contains("ttm:agent=\"agent1\"><span begin=\"00:00:00.000\" end=\"00:00:00.500\" style=\"karaoke\">Good</span><span begin=\"00:00:00.500\">Good</span> "
            + "<span end=\"00:00:00.500\">evening</span><span begin=\"00:00:00.500\" end=\"00:00:00.999\" style=\"karaoke\">evening</span><span begin=\"00:00:00.999\">evening</span></p>", text);
        var back = CaptionReader.ReadDocument(ttml);
        Assert.Equal(["Good evening", "Hello"], back.Lines.Select(l => l.Text));
        Assert.Equal(["Anna", "Bob"], back.Cues.Select(c => c.Speakers![0]));

        var ass = _cli.Dir.File("talk.ass");
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("export", "--db", _cli.Db, "--format", "ass", "--out", ass));
        Assert.Contains("Dialogue: 0,0:00:01.00,0:00:02.00,Default,Bob,0,0,0,,Hello", File.ReadAllText(ass));
    }
}
