using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class VttReaderTests
{
    private static CaptionDocument Doc(string text) => VttReader.ParseDocument(text, "a.vtt");

    [Fact]
    public void Reads_the_spoken_text_and_keeps_header_note_style_ids_settings_and_tags()
    {
        var text = "WEBVTT - a title\nKind: captions\n\nSTYLE\n::cue { color: yellow }\n\nNOTE this is\na comment\n\n"
            + "intro\n00:01.000 --> 00:02.000 align:start position:10%\n<v Anna>Hi <c.yellow>there</c></v>\n\n"
            + "01:00:00.250 --> 01:00:01.000\nAt <00:00:00.500>one &lt;hour&gt;\nlater\n";
        var doc = Doc(text);
        Assert.Equal([new CaptionLine(0, "Hi there", 1.0, 2.0), new CaptionLine(1, "At one <hour> later", 3600.25, 3601.0)], doc.Lines);
        Assert.Equal(["WEBVTT - a title", "Kind: captions"], doc.Header);
        Assert.Equal(["STYLE|::cue { color: yellow }", "NOTE this is|a comment"], doc.Blocks.Where(b => b.Cue is null).Select(b => string.Join('|', b.Verbatim)));
        Assert.Equal(("intro", "align:start position:10%"), (doc.Cues[0].Id, doc.Cues[0].Settings));
        Assert.Equal(["<v Anna>Hi <c.yellow>there</c></v>"], doc.Cues[0].TextLines);
        Assert.Equal(["At <00:00:00.500>one &lt;hour&gt;", "later"], doc.Cues[1].TextLines);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void Reads_cues_without_blank_lines_between_them_with_one_warning()
    {
        var doc = Doc("WEBVTT\n00:00.000 --> 00:01.000\nOne\n00:01.000 --> 00:02.000\nTwo\n");
        Assert.Equal(["One", "Two"], doc.Lines.Select(l => l.Text));
        Assert.Equal(["a.vtt: cue 1 (line 2): no blank line before this cue (and 1 more)"], doc.Warnings);
    }

    [Fact]
    public void Text_after_a_blank_line_inside_a_cue_stays_in_that_cue()
    {
        var doc = Doc("WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n\nmore\n\nid2\n00:03.000 --> 00:04.000\nTwo\n");
        Assert.Equal([new CaptionLine(0, "One more", 1.0, 2.0), new CaptionLine(1, "Two", 3.0, 4.0)], doc.Lines);
        Assert.Equal(["a.vtt: cue 1 (line 6): a blank line inside the cue's text; the text after it is kept in the cue"], doc.Warnings);
    }

    [Theory]
    [InlineData("WEBVTT\r\n\r\n00:00:01.000 --> 00:00:x2.000\r\nHi\r\n", "a.vtt: cue 1 (line 3): malformed times '00:00:01.000 --> 00:00:x2.000'; its times are ignored")]
    [InlineData("WEBVTT\r\rid\r00:00:03.000 --> 00:00:02.000\rHi\r", "a.vtt: cue 1 (line 4): ends before it starts '00:00:03.000 --> 00:00:02.000'; its times are ignored")]
    public void Bad_times_are_ignored_and_named_by_cue_and_line(string text, string warning)
    {
        var doc = Doc(text);
        Assert.Equal([new CaptionLine(0, "Hi")], doc.Lines);
        Assert.Equal([warning], doc.Warnings);
    }

    [Fact]
    public void A_missing_header_a_bom_in_the_middle_and_overlaps_are_warned_about_and_read()
    {
        var doc = Doc("00:01.000 --> 00:03.000\nOne\n\n\uFEFFWEBVTT\n\n00:02.000 --> 00:04.000\nTwo\n");
        Assert.Equal(["One", "Two"], doc.Lines.Select(l => l.Text));
        Assert.Equal(
            [
                "a.vtt: line 1: the first line is not WEBVTT; read as WebVTT all the same",
                "a.vtt: line 4: a byte-order mark inside the file (removed; files joined together?)",
                "a.vtt: line 4: a second WEBVTT header (files joined together?); skipped",
                "a.vtt: cue 2 (line 6): overlaps cue 1",
            ],
            doc.Warnings);
    }

    [Theory]
    [InlineData("1\nHi\n", "a.vtt:1: not a WebVTT file (the first line must start with WEBVTT)")]
    [InlineData("WEBVTT\n\nNOTE only a note\n", "a.vtt: no captions with text")]
    public void A_file_that_cannot_be_read_is_one_line(string text, string message)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => VttReader.Parse(text, "a.vtt"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void An_id_without_a_timing_line_before_any_cue_is_a_cue_without_times()
    {
        var doc = Doc("WEBVTT\n\nsome id\nno timing here\n");
        Assert.Equal([new CaptionLine(0, "some id no timing here")], doc.Lines);
        Assert.Equal(["a.vtt: cue 1 (line 3): text before the first timing line; read as a cue without times"], doc.Warnings);
    }
}
