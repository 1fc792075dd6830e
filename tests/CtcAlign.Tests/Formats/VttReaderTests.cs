using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class VttReaderTests
{
    [Fact]
    public void Skips_header_note_style_identifiers_settings_and_tags()
    {
        var text = "WEBVTT - a title\nKind: captions\n\nSTYLE\n::cue { color: yellow }\n\nNOTE this is\na comment\n\n"
            + "intro\n00:01.000 --> 00:02.000 align:start position:10%\n<v Anna>Hi <c.yellow>there</c></v>\n\n"
            + "01:00:00.250 --> 01:00:01.000\nAt <00:00:00.500>one &lt;hour&gt;\nlater\n";
        var lines = VttReader.Parse(text, "a.vtt");
        Assert.Equal([new CaptionLine(0, "Hi there", 1.0, 2.0), new CaptionLine(1, "At one <hour> later", 3600.25, 3601.0)], lines);
    }

    [Fact]
    public void Reads_cues_without_blank_lines_between_them()
    {
        var lines = VttReader.Parse("WEBVTT\n00:00.000 --> 00:01.000\nOne\n00:01.000 --> 00:02.000\nTwo\n", "a.vtt");
        Assert.Equal(["One", "Two"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Text_after_a_blank_line_inside_a_cue_stays_in_that_cue()
    {
        var lines = VttReader.Parse("WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n\nmore\n\nid2\n00:03.000 --> 00:04.000\nTwo\n", "a.vtt");
        Assert.Equal([new CaptionLine(0, "One more", 1.0, 2.0), new CaptionLine(1, "Two", 3.0, 4.0)], lines);
    }

    [Theory]
    [InlineData("1\n00:00:01.000 --> 00:00:02.000\nHi\n", "a.vtt:1: not a WebVTT file (the first line must start with WEBVTT)")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:x2.000\nHi\n", "a.vtt:3: malformed timestamp '00:00:01.000 --> 00:00:x2.000'")]
    [InlineData("WEBVTT\n\nsome id\nno timing here\n", "a.vtt:4: expected a cue timing line after 'some id'")]
    [InlineData("WEBVTT\n\nNOTE only a note\n", "a.vtt: no captions with text")]
    public void Malformed_input_is_one_line_with_file_and_line(string text, string message)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => VttReader.Parse(text, "a.vtt"));
        Assert.Equal(message, ex.Message);
    }
}
