using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>Who speaks a cue (WebVTT voices, TTML ttm:agent, the ASS Name field) survives conversion between the three; only times change.</summary>
public sealed class SpeakerAcrossFormatsTests
{
    private const string Vtt = "WEBVTT\n\n"
        + "00:00:01.000 --> 00:00:02.000\n<v Anna>Hello there,\nhow are you?\n\n"
        + "00:00:03.000 --> 00:00:04.000\n<v.loud Anna>Fine</v>\n<v Bob &amp; Co>And you?</v>\n\n"
        + "00:00:05.000 --> 00:00:06.000\nNobody <i>named</i>\n";

    private static readonly (double, double)[] Times = [(1.5, 2.5), (3.5, 4.5), (5.5, 6.5)];

    private static string Write(Func<TextWriter, MediaAlignment, SubtitleReport> write, CaptionDocument document)
    {
        using var text = new StringWriter();
        write(text, SccRoundTripTests.Aligned(document, Times));
        return text.ToString();
    }

    private static string Ttml(CaptionDocument d, TtmlFlavour flavour = TtmlFlavour.Imsc) =>
        Write((w, m) => TtmlWriter.Write(w, m, SubtitleOptions.Default, flavour), d);

    private static string WebVtt(CaptionDocument d) => Write((w, m) => SubtitleWriter.WriteVtt(w, m, SubtitleOptions.Default), d);

    private static string Ass(CaptionDocument d) => Write((w, m) => SubtitleWriter.WriteAss(w, m, SubtitleOptions.Default), d);

    private static IReadOnlyList<IReadOnlyList<string?>?> Speakers(CaptionDocument d) => d.Cues.Select(c => c.Speakers).ToList();

    [Fact]
    public void Webvtt_voices_are_read_per_line()
    {
        var vtt = CaptionReader.Parse(Vtt, "a.vtt");
        Assert.Equal([["Anna", "Anna"], ["Anna", "Bob & Co"], null], Speakers(vtt));
        Assert.Equal(["Hello there, how are you?", "Fine And you?", "Nobody named"], vtt.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Webvtt_voices_become_ttml_agents_and_come_back_as_voices()
    {
        var vtt = CaptionReader.Parse(Vtt, "a.vtt");
        var ttml = Ttml(vtt);
        Assert.Contains("xmlns:ttm=\"http://www.w3.org/ns/ttml#metadata\"", ttml);
        Assert.Contains("<head>\n    <metadata>\n      <ttm:agent xml:id=\"agent1\" type=\"person\"><ttm:name type=\"full\">Anna</ttm:name></ttm:agent>"
            + "\n      <ttm:agent xml:id=\"agent2\" type=\"person\"><ttm:name type=\"full\">Bob &amp; Co</ttm:name></ttm:agent>\n    </metadata>\n    <styling>", ttml);
        Assert.Contains("<p xml:id=\"c1\" begin=\"00:00:01.500\" end=\"00:00:02.500\" style=\"centre\" region=\"bottom\" ttm:agent=\"agent1\">Hello there,<br />how are you?</p>", ttml);
        Assert.Contains("<p xml:id=\"c2\" begin=\"00:00:03.500\" end=\"00:00:04.500\" style=\"centre\" region=\"bottom\"><span ttm:agent=\"agent1\">Fine</span><br /><span ttm:agent=\"agent2\">And you?</span></p>", ttml);
        Assert.Contains("<p xml:id=\"c3\" begin=\"00:00:05.500\" end=\"00:00:06.500\" style=\"centre\" region=\"bottom\">Nobody <span style=\"i\">named</span></p>", ttml);

        var fromTtml = CaptionReader.Parse(ttml, "a.ttml");
        Assert.Equal(Speakers(CaptionReader.Parse(Vtt, "a.vtt")), Speakers(fromTtml));
        Assert.Equal(vtt.Lines.Select(l => l.Text), fromTtml.Lines.Select(l => l.Text));

        var back = WebVtt(fromTtml);
        Assert.Contains("00:00:01.500 --> 00:00:02.500\n<v Anna>Hello there,\nhow are you?\n", back);
        Assert.Contains("00:00:03.500 --> 00:00:04.500\n<v Anna>Fine</v>\n<v Bob &amp; Co>And you?</v>\n", back);
        Assert.Contains("00:00:05.500 --> 00:00:06.500\nNobody <i>named</i>\n", back);
        Assert.Equal(Speakers(vtt), Speakers(CaptionReader.Parse(back, "b.vtt")));
    }

    [Fact]
    public void Voices_and_agents_become_the_ass_name_field_and_it_comes_back()
    {
        var vtt = CaptionReader.Parse(Vtt, "a.vtt");
        var ass = Ass(vtt);
        Assert.Contains("Dialogue: 0,0:00:01.50,0:00:02.50,Default,Anna,0,0,0,,Hello there,\\Nhow are you?", ass);
        // an ASS event has one name: the first line's speaker; "&" stays, it is not markup in ASS
        Assert.Contains("Dialogue: 0,0:00:03.50,0:00:04.50,Default,Anna,0,0,0,,Fine\\NAnd you?", ass);
        Assert.Contains("Dialogue: 0,0:00:05.50,0:00:06.50,Default,,0,0,0,,Nobody {\\i1}named{\\i0}", ass);
        var fromAss = CaptionReader.Parse(ass, "a.ass");
        Assert.Equal([["Anna", "Anna"], ["Anna", "Anna"], null], Speakers(fromAss));
        // and the report says which cue lost a speaker
        using (var text = new StringWriter())
        {
            var report = SubtitleWriter.WriteAss(text, SccRoundTripTests.Aligned(vtt, Times), SubtitleOptions.Default);
            Assert.Equal(["1 cue has more than one speaker: an ASS event names one, its first (cue 2)"], report.Notes);
        }
        using (var text = new StringWriter())
            Assert.Empty(SubtitleWriter.WriteAss(text, SccRoundTripTests.Aligned(CaptionReader.Parse(
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hi</v>\n<v Anna>again</v>\n\n00:00:03.000 --> 00:00:04.000\nx\n\n00:00:05.000 --> 00:00:06.000\ny\n", "one.vtt"), Times),
                SubtitleOptions.Default).Notes);

        var ttml = CaptionReader.Parse(Ttml(vtt), "a.ttml");
        Assert.Contains("Default,Bob  Jr.,0,0,0,,Hi", Ass(CaptionReader.Parse( // a comma would end the Name field
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Bob, Jr.>Hi\n\n00:00:03.000 --> 00:00:04.000\nx\n\n00:00:05.000 --> 00:00:06.000\ny\n", "c.vtt")));
        Assert.Equal("Anna", CaptionReader.Parse(Ass(ttml), "t.ass").Cues[0].Speakers![0]);
    }

    [Fact]
    public void An_ass_name_becomes_a_voice_and_an_agent()
    {
        var script = string.Join("\n", SubtitleWriter.AssHeader) + "\n"
            + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,Narrator,0,0,0,,{\\i1}Once{\\i0} upon\\Na time\n"
            + "Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,there was\n"
            + "Dialogue: 0,0:00:05.00,0:00:06.00,Default,Wolf,0,0,0,,a wolf\n";
        var ass = CaptionReader.Parse(script, "tale.ass");
        Assert.Equal([["Narrator", "Narrator"], null, ["Wolf"]], Speakers(ass));
        var vtt = WebVtt(ass);
        Assert.Contains("00:00:01.500 --> 00:00:02.500\n<v Narrator><i>Once</i> upon\na time\n", vtt);
        Assert.Contains("00:00:03.500 --> 00:00:04.500\nthere was\n", vtt);
        var ttml = CaptionReader.Parse(Ttml(ass), "tale.ttml");
        Assert.Equal(Speakers(ass), Speakers(ttml));
        Assert.Equal(ass.Lines.Select(l => l.Text), ttml.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Ttml_agents_on_divs_and_spans_and_without_a_name_are_read_and_ebu_tt_d_leaves_them_out()
    {
        const string document = """
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en">
              <head><metadata><ttm:agent xml:id="host" type="person"><ttm:name type="full">Sam Host</ttm:name></ttm:agent><ttm:agent xml:id="guest" type="person"/></metadata></head>
              <body>
                <div ttm:agent="host">
                  <p begin="1s" end="2s">Welcome</p>
                  <p begin="3s" end="4s">Tell us<br/><span ttm:agent="guest">Thanks</span></p>
                </div>
                <p begin="5s" end="6s" ttm:agent="nobody">Who?</p>
              </body>
            </tt>
            """;
        var ttml = CaptionReader.Parse(document, "d.ttml");
        Assert.Equal([["Sam Host"], ["Sam Host", "guest"], ["nobody"]], Speakers(ttml));
        var ebu = Ttml(ttml, TtmlFlavour.EbuTtD);
        Assert.DoesNotContain("agent", ebu);
        Assert.Contains("<v guest>Thanks</v>", WebVtt(ttml));
        var dfxp = CaptionReader.Parse(Ttml(ttml, TtmlFlavour.Dfxp), "d.dfxp");
        Assert.Equal(Speakers(ttml), Speakers(dfxp));
    }
}
