using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class TtmlRoundTripTests
{
    private const string Imsc = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:frameRate="25" xml:lang="en">
          <head>
            <metadata><ttm:agent xml:id="anchor" type="person"><ttm:name type="full">Anchor</ttm:name></ttm:agent></metadata>
            <styling>
              <style xml:id="base" tts:color="white"/>
              <style xml:id="yellow" tts:color="yellow"/>
              <style xml:id="em" style="yellow" tts:fontStyle="italic"/>
            </styling>
            <layout>
              <region xml:id="top" tts:origin="10% 5%" tts:extent="80% 20%" tts:displayAlign="before"/>
              <region xml:id="bottom" tts:origin="10% 70%" tts:extent="80% 20%" tts:displayAlign="after"/>
            </layout>
          </head>
          <body style="base" region="bottom">
            <div begin="00:00:10:00">
              <p xml:id="p1" begin="00:00:01:00" end="00:00:02:12" ttm:agent="anchor">Good <span style="em">evening</span>,<br/>and <span tts:fontWeight="bold">welcome</span>.</p>
              <p xml:id="p2" begin="00:00:03:00" dur="00:00:06:00" region="top">[THEME MUSIC]</p>
              <p xml:id="p3" begin="00:00:09:05" end="00:00:12:00"><span tts:textDecoration="underline">Here</span>   is
                the news.</p>
            </div>
          </body>
        </tt>

        """;

    private static MediaAlignment Aligned(CaptionDocument document, params (double Start, double End)[] times) =>
        new("news", "news.wav", 4000, document.Lines.Select((l, i) =>
            new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(), times[i].Start, times[i].End, -0.5, SegmentStatus.Aligned, [])).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };

    private static string Write(MediaAlignment media, TtmlFlavour flavour = TtmlFlavour.Imsc, SubtitleOptions? options = null)
    {
        using var w = new StringWriter();
        TtmlWriter.Write(w, media, options ?? SubtitleOptions.Default, flavour);
        return w.ToString();
    }

    [Fact]
    public void A_document_is_read_with_its_times_inside_its_div_and_its_styling_as_markup()
    {
        var document = CaptionReader.Parse(Imsc, "news.ttml");
        Assert.Equal(CaptionFileKind.Ttml, document.Kind);
        Assert.Equal(CaptionFileKind.Ttml, CaptionReader.Parse(Imsc, "news.captions").Kind); // by content
        Assert.Equal(["Good evening, and welcome.", "Here is the news."], document.Lines.Select(l => l.Text));
        Assert.Equal([(11.0, 12.48), (19.2, 22.0)], document.Lines.Select(l => (l.Start!.Value, Math.Round(l.End!.Value, 9))));
        Assert.Equal(["p1", "p2", "p3"], document.Cues.Select(c => c.Id));
        Assert.Equal([false, true, false], document.Cues.Select(c => c.IsSoundOnly));
        Assert.Equal(["Good <font color=\"yellow\"><i>evening</i></font>,", "and <b>welcome</b>."], document.Cues[0].TextLines);
        Assert.Equal(["{\\an8}[THEME MUSIC]"], document.Cues[1].TextLines);
        Assert.Equal((13.0, 19.0), (document.Cues[1].Start, document.Cues[1].End));
        Assert.Equal(["<u>Here</u> is the news."], document.Cues[2].TextLines);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Written_back_with_its_own_times_only_the_dur_becomes_an_end_and_the_sound_cue_is_marked()
    {
        var document = CaptionReader.Parse(Imsc, "news.ttml");
        var same = Write(Aligned(document, (11.0, 12.48), (19.2, 22.0)));
        var expected = Imsc
            .Replace("""<p xml:id="p2" begin="00:00:03:00" dur="00:00:06:00" region="top">""",
                """<!-- ctcalign: the next cue is sound only (not aligned as speech); placed between its re-timed neighbours -->""" + "\n      "
                + """<p xml:id="p2" begin="00:00:03:00" region="top" end="00:00:09:00">""");
        Assert.Equal(expected, same);
        var again = CaptionReader.Parse(same, "again.ttml");
        Assert.Equal(document.Cues.Select(c => (c.Start, c.End, string.Join('|', c.TextLines))), again.Cues.Select(c => (c.Start, c.End, string.Join('|', c.TextLines))));
        Assert.Equal(same, Write(Aligned(again, (11.0, 12.48), (19.2, 22.0)))); // and again: nothing more changes
    }

    [Fact]
    public void Aligned_times_land_in_the_p_elements_in_frames_relative_to_the_div_or_absolute_when_a_cue_moves_before_it()
    {
        var document = CaptionReader.Parse(Imsc, "news.ttml");
        var inside = Write(Aligned(document, (10.4, 12.0), (19.52, 23.4)));
        Assert.Contains("""<div begin="00:00:10:00">""", inside);
        Assert.Contains("""<p xml:id="p1" begin="00:00:00:10" end="00:00:02:00" ttm:agent="anchor">""", inside);
        Assert.Contains("""<p xml:id="p3" begin="00:00:09:13" end="00:00:13:10">""", inside);
        Assert.Equal([(10.4, 12.0), (19.52, 23.4)], CaptionReader.Parse(inside, "a.ttml").Lines.Select(l => (Math.Round(l.Start!.Value, 9), Math.Round(l.End!.Value, 9))));

        var before = Write(Aligned(document, (0.52, 2.0), (20.0, 23.4)));
        Assert.Contains("<div>", before);
        Assert.Contains("""<p xml:id="p1" begin="00:00:00:13" end="00:00:02:00" ttm:agent="anchor">""", before);
        Assert.Contains("""<p xml:id="p2" begin="00:00:13:00" region="top" end="00:00:19:00">""", before);
        Assert.Contains("""<p xml:id="p3" begin="00:00:20:00" end="00:00:23:10">""", before);
        var again = CaptionReader.Parse(before, "b.ttml");
        Assert.Equal([(0.52, 2.0), (20.0, 23.4)], again.Lines.Select(l => (Math.Round(l.Start!.Value, 9), Math.Round(l.End!.Value, 9))));
        Assert.Contains("<ttm:agent xml:id=\"anchor\" type=\"person\">", before); // the head is kept
    }

    [Fact]
    public void Lines_not_aligned_are_removed_unless_kept_and_the_clean_up_options_apply()
    {
        var document = CaptionReader.Parse(Imsc, "news.ttml");
        var media = Aligned(document, (11.0, 12.48), (19.2, 22.0));
        media = media with { Segments = [media.Segments[0], media.Segments[1] with { Status = SegmentStatus.NotAligned, Start = null, End = null }] };
        using var w = new StringWriter();
        var report = TtmlWriter.Write(w, media, SubtitleOptions.Default, TtmlFlavour.Imsc);
        Assert.DoesNotContain("p3", w.ToString());
        Assert.Equal((2, 1, 1), (report.Written, report.SoundOnly, report.LeftOut));
        Assert.Equal(["Good evening, and welcome."], CaptionReader.Parse(w.ToString(), "c.ttml").Lines.Select(l => l.Text));

        var kept = Write(media, options: SubtitleOptions.Default with { KeepUnaligned = true, Offset = 1 });
        Assert.Contains("<!-- ctcalign: the next cue is not_aligned; placed between its re-timed neighbours -->", kept);
        Assert.Equal([(12.0, 13.48), (20.2, 23.0)], CaptionReader.Parse(kept, "d.ttml").Cues.Where(c => c.LineIndex is not null)
            .Select(c => (Math.Round(c.Start!.Value, 9), Math.Round(c.End!.Value, 9))));
    }

    private const string Dfxp = """
        <?xml version="1.0" encoding="utf-8"?>
        <tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:tts="http://www.w3.org/2006/10/ttaf1#styling" xmlns:ttp="http://www.w3.org/2006/10/ttaf1#parameter" ttp:tickRate="10000000" xml:lang="en">
        <head><styling><style xml:id="it" tts:fontStyle="italic"/></styling></head>
        <body><div timeContainer="seq">
        <p begin="1.5s" dur="2s" style="it">Call me not Naomi,</p>
        <p dur="30000000t">call me Mara. &amp; more</p>
        <p xml:space="preserve" begin="0s" end="2500ms">first line
        second line</p>
        </div></body></tt>
        """;

    [Fact]
    public void Dfxp_with_offset_and_tick_times_in_a_seq_container_is_read_and_kept_as_dfxp_or_written_as_ebu_tt_d()
    {
        var document = CaptionReader.Parse(Dfxp, "old.dfxp");
        Assert.Equal(["Call me not Naomi,", "call me Mara. & more", "first line second line"], document.Lines.Select(l => l.Text));
        Assert.Equal([(1.5, 3.5), (3.5, 6.5), (6.5, 9.0)], document.Lines.Select(l => (l.Start!.Value, l.End!.Value)));
        Assert.Equal(["<i>Call me not Naomi,</i>"], document.Cues[0].TextLines);
        Assert.Equal(["first line", "second line"], document.Cues[2].TextLines);

        var media = Aligned(document, (1.25, 3.0), (3.0, 6.0), (6.0, 8.75));
        var dfxp = Write(media, TtmlFlavour.Dfxp);
        Assert.Contains("""<div>""", dfxp); // seq is gone: each p has its own begin
        Assert.Contains("""<p begin="1.25s" style="it" end="3.0s">""", dfxp);
        Assert.Contains("""<p begin="3.0s" end="6.0s">""", dfxp);
        Assert.Equal(dfxp, Write(media, TtmlFlavour.Imsc)); // ttml keeps any TTML as it was
        Assert.StartsWith("""<?xml version="1.0" encoding="UTF-8"?>""" + "\n<tt xmlns=\"http://www.w3.org/2006/10/ttaf1\"", dfxp);

        var ebu = Write(media, TtmlFlavour.EbuTtD);
        Assert.Contains("<tt:tt xmlns:tt=\"http://www.w3.org/ns/ttml\"", ebu);
        Assert.Contains("<ebuttm:conformsToStandard>urn:ebu:tt:distribution:2014-01</ebuttm:conformsToStandard>", ebu);
        Assert.Contains("""<tt:p xml:id="c1" begin="00:00:01.250" end="00:00:03.000" style="centre" region="bottom"><tt:span style="text i">Call me not Naomi,</tt:span></tt:p>""", ebu);
        Assert.Contains("""<tt:span style="text">first line</tt:span><tt:br /><tt:span style="text">second line</tt:span>""", ebu);
        var back = CaptionReader.Parse(ebu, "new.ebuttd.xml");
        Assert.Equal(document.Lines.Select(l => l.Text), back.Lines.Select(l => l.Text));
        Assert.Equal([(1.25, 3.0), (3.0, 6.0), (6.0, 8.75)], back.Lines.Select(l => (l.Start!.Value, l.End!.Value)));
        Assert.Equal(["<i>Call me not Naomi,</i>"], back.Cues[0].TextLines);
        Assert.Equal(ebu, Write(Aligned(back, (1.25, 3.0), (3.0, 6.0), (6.0, 8.75)), TtmlFlavour.EbuTtD)); // an EBU-TT-D document is kept as it is
    }

    [Fact]
    public void Srt_becomes_an_imsc1_document_with_its_styling_and_position_and_reads_back_the_same()
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i> &amp; <font color=\"#FF0000\">there</font>\nsecond line\n\n"
            + "2\n00:00:02,500 --> 00:00:04,000\n<b><u>Bold</u> words</b>\n", "a.srt");
        var media = Aligned(srt, (1.0, 2.04), (2.5, 4.0));
        var imsc = Write(media);
        Assert.Contains("ttp:profile=\"http://www.w3.org/ns/ttml/profile/imsc1/text\"", imsc);
        Assert.Contains("""<p xml:id="c1" begin="00:00:01.000" end="00:00:02.040" style="centre" region="top"><span style="i">Hello</span> &amp; <span style="color1">there</span><br />second line</p>""", imsc);
        Assert.Contains("""<style xml:id="color1" tts:color="#ff0000" />""", imsc);
        var back = CaptionReader.Parse(imsc, "a.ttml");
        Assert.Equal([("Hello & there second line", 1.0, 2.04), ("Bold words", 2.5, 4.0)], back.Lines.Select(l => (l.Text, l.Start!.Value, l.End!.Value)));
        Assert.Equal(["{\\an8}<i>Hello</i> & <font color=\"#ff0000\">there</font>", "second line"], back.Cues[0].TextLines);
        Assert.Equal(["<b><u>Bold</u></b><b> words</b>"], back.Cues[1].TextLines);

        var frames = Write(media, options: SubtitleOptions.Default with { Fps = 29.97 });
        Assert.Contains("ttp:frameRate=\"30\" ttp:frameRateMultiplier=\"1000 1001\"", frames);
        Assert.Contains("begin=\"00:00:01:00\" end=\"00:00:02:01\"", frames);
        var framed = CaptionReader.Parse(frames, "f.ttml");
        Assert.Equal(1.001, framed.Lines[0].Start!.Value, 0.5 / 29.97); // frame 30 at 29.97 (1.001 s) on the media time base: 1 s and 0 frames
        Assert.Equal("<?xml", frames[..5]);
        Assert.Contains("xml:lang=\"und\"", frames);
        Assert.Contains("<tt xmlns=\"http://www.w3.org/2006/10/ttaf1\"", Write(media, TtmlFlavour.Dfxp));
    }

    [Theory]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"1s\">x</p></body>", "x.ttml: not well-formed XML: ")]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p begin=\"1:2\" end=\"3s\">x</p></div></body></tt>", "x.ttml: line 1: <p> begin '1:2' is not a TTML time expression")]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\" xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\" ttp:frameRate=\"fast\"><body><p>x</p></body></tt>", "x.ttml: ttp:frameRate 'fast' is not a positive whole number")]
    [InlineData("<html><body><p>x</p></body></html>", "x.ttml: not a TTML document: the root is <html>")]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div/></body></tt>", "x.ttml: no <p> captions in the TTML body")]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><head/></tt>", "x.ttml: a TTML document without <body>")]
    [InlineData("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"99999999999999999999999:00:00.000\" end=\"00:00:00:99999999999\">x</p></body></tt>", "x.ttml: line 1: <p> begin '9999")]
    [InlineData("", "")] // spans nested too deep, built below
    public void Broken_documents_are_one_line_errors(string text, string message)
    {
        if (message.Length == 0)
            (text, message) = (NestedSpans(TtmlReader.MaxDepth + 5), $"x.ttml: line 1: elements nested more than {TtmlReader.MaxDepth} deep");
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse(text, "x.ttml"));
        Assert.StartsWith(message, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    private static string NestedSpans(int depth) => "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><p begin=\"0s\" end=\"1s\">"
        + string.Concat(Enumerable.Repeat("<span>", depth)) + "x" + string.Concat(Enumerable.Repeat("</span>", depth)) + "</p></body></tt>";

    [Fact]
    public void A_p_outside_any_div_and_a_div_inside_a_span_are_still_written()
    {
        var text = "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body begin=\"1s\"><div><span><div begin=\"1s\"><p begin=\"1s\" end=\"2s\">odd one</p></div></span>"
            + "<p begin=\"3s\" end=\"4s\">plain one</p></div></body></tt>";
        var document = CaptionReader.Parse(text, "odd.ttml");
        Assert.Equal([null, 4.0], document.Lines.Select(l => l.Start)); // a p the timing tree does not reach has no times
        var media = Aligned(document, (1.5, 2.5), (4.0, 5.0));
        var back = CaptionReader.Parse(Write(media), "odd2.ttml");
        Assert.Equal([4.0], back.Lines.Where(l => l.Start is not null).Select(l => l.Start!.Value));
        Assert.Equal(["odd one", "plain one"], back.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Paragraphs_without_times_or_with_reversed_times_are_read_without_them_and_warned()
    {
        var document = CaptionReader.Parse("<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p>one</p><p begin=\"5s\" end=\"4s\">two</p>"
            + "<p begin=\"6s\" end=\"7s\">three<br/><br/></p></div></body></tt>", "w.xml");
        Assert.Equal([null, null, 6.0], document.Lines.Select(l => l.Start));
        Assert.Equal(["three"], document.Cues[2].TextLines); // empty lines left out
        Assert.Equal(2, document.Warnings.Count);
        Assert.Contains("w.xml: cue 1 (line 1): a <p> without begin and end (or dur)", document.Warnings[0]);
    }
}
