using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class SrtReaderTests
{
    [Fact]
    public void Reads_cues_with_crlf_markup_and_joined_lines()
    {
        var text = "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> there,\r\n{\\an8}general Kenobi.\r\n\r\n"
            + "2\r\n00:00:03,000 --> 00:00:04,000 X1:100 X2:200\r\nSecond &amp; last\r\n";
        var lines = SrtReader.Parse(text, "a.srt");
        Assert.Equal(
            [new CaptionLine(0, "Hello there, general Kenobi.", 1.0, 2.5), new CaptionLine(1, "Second & last", 3.0, 4.0)],
            lines);
    }

    [Fact]
    public void Tolerates_missing_blank_lines_and_missing_numbers()
    {
        var text = "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n00:00:03.500 --> 00:00:04.000\nThree\n\n\n\n";
        var lines = SrtReader.Parse(text, "a.srt");
        Assert.Equal(["One", "Two", "Three"], lines.Select(l => l.Text));
        Assert.Equal([1.0, 2.0, 3.5], lines.Select(l => l.Start!.Value));
        Assert.Equal([0, 1, 2], lines.Select(l => l.Index));
    }

    [Fact]
    public void Skips_cues_with_only_markup()
    {
        var lines = SrtReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:02,000 --> 00:00:03,000\nReal\n", "a.srt");
        Assert.Equal([new CaptionLine(0, "Real", 2.0, 3.0)], lines);
    }

    [Fact]
    public void Text_after_a_blank_line_inside_a_cue_stays_in_that_cue()
    {
        var lines = SrtReader.Parse("1\n00:00:01,000 --> 00:00:02,000\nFirst part\n\nsecond part\n\n2\n00:00:03,000 --> 00:00:04,000\nNext\n", "a.srt");
        Assert.Equal([new CaptionLine(0, "First part second part", 1.0, 2.0), new CaptionLine(1, "Next", 3.0, 4.0)], lines);
    }

    [Fact]
    public void A_broken_arrow_after_a_cue_is_still_an_error()
    {
        var ex = Assert.Throws<CaptionFormatException>(() =>
            SrtReader.Parse("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n00:00:03,000 -> 00:00:04,000\nTwo\n", "a.srt"));
        Assert.Equal("a.srt:5: expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '00:00:03,000 -> 00:00:04,000'", ex.Message);
    }

    [Fact]
    public void Keeps_angle_brackets_that_are_not_caption_markup()
    {
        var lines = SrtReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n<b>Say</b> <no> to <font color=\"red\">that</font>\n", "a.srt");
        Assert.Equal("Say <no> to that", lines[0].Text);
    }

    [Theory]
    [InlineData("1\n00:00:01,000 --> 00:0x:02,000\nText\n", "a.srt:2: malformed timestamp '00:00:01,000 --> 00:0x:02,000'")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:05,000 --> 00:00:04,000\nTwo\n", "a.srt:6: cue ends before it starts '00:00:05,000 --> 00:00:04,000'")]
    [InlineData("Hello\nWorld\n", "a.srt:1: expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found 'Hello'")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\n\n", "a.srt: no captions with text")]
    [InlineData("1\n00:00:01 --> \nText\n", "a.srt:2: malformed timestamp '00:00:01 -->'")]
    public void Malformed_input_is_one_line_with_file_and_line(string text, string message)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => SrtReader.Parse(text, "a.srt"));
        Assert.Equal(message, ex.Message);
    }
}
