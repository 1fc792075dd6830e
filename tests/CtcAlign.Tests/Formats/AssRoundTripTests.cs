using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class AssRoundTripTests
{
    private const string Script = "[Script Info]\nTitle: News\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        + "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
        + "Style: Top,Arial,20,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,8,10,10,10,1\n\n"
        + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        + "Comment: 0,0:00:00.00,0:00:01.00,Top,,0,0,0,,a note for the editor\n"
        + "Dialogue: 0,0:00:01.00,0:00:02.50,Top,ANCHOR,0,0,0,,{\\an8}{\\i1}Good evening,{\\i0} and welcome.\\NTwo lines.\n"
        + "Dialogue: 1,0:00:03.00,0:00:09.00,Top,,0,0,0,,[THEME MUSIC]\n"
        + "Dialogue: 0,0:00:09.25,1:00:00.12,Top,,0,0,0,fade,Here is the news.\n";

    private static MediaAlignment Aligned(CaptionDocument document, params (double Start, double End)[] times) =>
        new("news", "news.wav", 4000, document.Lines.Select((l, i) =>
            new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(), times[i].Start, times[i].End, -0.5, SegmentStatus.Aligned, [])).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };

    [Fact]
    public void A_script_is_read_with_its_styling_and_written_back_as_it_was_with_only_the_dialogue_times_changed()
    {
        var document = CaptionReader.Parse(Script, "news.ass");
        Assert.Equal(CaptionFileKind.Ass, document.Kind);
        Assert.Equal(CaptionFileKind.Ass, CaptionReader.Parse(Script, "news.subtitles").Kind);
        Assert.Equal(["Good evening, and welcome. Two lines.", "Here is the news."], document.Lines.Select(l => l.Text));
        Assert.Equal([(1.0, 2.5), (9.25, 3600.12)], document.Lines.Select(l => (l.Start!.Value, l.End!.Value)));
        Assert.Equal([false, true, false], document.Cues.Select(c => c.IsSoundOnly));

        using (var same = new StringWriter())
        {
            SubtitleWriter.WriteAss(same, Aligned(document, (1.0, 2.5), (9.25, 3600.12)), SubtitleOptions.Default);
            Assert.Equal(Script, same.ToString());
        }
        using var retimed = new StringWriter();
        SubtitleWriter.WriteAss(retimed, Aligned(document, (0.524, 2.006), (10, 12.5)), SubtitleOptions.Default);
        Assert.Equal(Script.Replace("0:00:01.00,0:00:02.50,Top,ANCHOR", "0:00:00.52,0:00:02.01,Top,ANCHOR")
            .Replace("0:00:09.25,1:00:00.12", "0:00:10.00,0:00:12.50"), retimed.ToString());
        var again = CaptionReader.Parse(retimed.ToString(), "again.ass");
        Assert.Equal(document.Lines.Select(l => l.Text), again.Lines.Select(l => l.Text));
        Assert.Equal([(0.52, 2.01), (10.0, 12.5)], again.Lines.Select(l => (l.Start!.Value, l.End!.Value))); // to the centisecond
    }

    [Fact]
    public void Srt_becomes_a_script_with_its_italics_and_a_script_becomes_srt_and_vtt_with_them()
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i> &amp; there\nsecond line\n", "a.srt");
        using var ass = new StringWriter();
        SubtitleWriter.WriteAss(ass, Aligned(srt, (1.1, 1.9)), SubtitleOptions.Default);
        var text = ass.ToString();
        Assert.StartsWith("[Script Info]\n", text);
        Assert.EndsWith("\nDialogue: 0,0:00:01.10,0:00:01.90,Default,,0,0,0,,{\\an8}{\\i1}Hello{\\i0} & there\\Nsecond line\n", text);
        Assert.Equal(["Hello & there second line"], CaptionReader.Parse(text, "a.ass").Lines.Select(l => l.Text));

        var script = CaptionReader.Parse(Script, "news.ass");
        var media = Aligned(script, (1.0, 2.5), (9.25, 12));
        using var toSrt = new StringWriter();
        SubtitleWriter.WriteSrt(toSrt, media, SubtitleOptions.Default);
        Assert.StartsWith("1\n00:00:01,000 --> 00:00:02,500\n{\\an8}<i>Good evening,</i> and welcome.\nTwo lines.\n\n", toSrt.ToString());
        using var toVtt = new StringWriter();
        SubtitleWriter.WriteVtt(toVtt, media, SubtitleOptions.Default);
        Assert.Contains("00:00:01.000 --> 00:00:02.500\n<v ANCHOR><i>Good evening,</i> and welcome.\nTwo lines.\n", toVtt.ToString()); // its Name as the voice
    }

    [Fact]
    public void A_script_without_dialogue_is_refused_and_a_short_dialogue_line_is_read_without_times()
    {
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse("[Script Info]\nTitle: x\n", "x.ass"));
        Assert.Contains("no 'Dialogue:' lines", ex.Message);
        var document = CaptionReader.Parse("[Script Info]\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
            + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,One, two.\nDialogue: broken\n", "w.ass");
        Assert.Equal(["One, two.", "broken"], document.Lines.Select(l => l.Text));
        Assert.Equal([1.0, null], document.Lines.Select(l => l.Start));
        Assert.Single(document.Warnings);
    }
}
