using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class SrtReaderTests
{
    private static CaptionDocument Doc(string text) => SrtReader.ParseDocument(text, "a.srt");

    [Fact]
    public void Reads_cues_with_crlf_markup_and_joined_lines()
    {
        var text = "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> there,\r\n{\\an8}general Kenobi.\r\n\r\n"
            + "2\r\n00:00:03,000 --> 00:00:04,000 X1:100 X2:200\r\nSecond &amp; last\r\n";
        var doc = Doc(text);
        Assert.Equal(
            [new CaptionLine(0, "Hello there, general Kenobi.", 1.0, 2.5), new CaptionLine(1, "Second & last", 3.0, 4.0)],
            doc.Lines);
        Assert.Empty(doc.Warnings);
        Assert.Equal(["<i>Hello</i> there,", "{\\an8}general Kenobi."], doc.Cues[0].TextLines);
        Assert.Equal("X1:100 X2:200", doc.Cues[1].Settings);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Every_line_ending_reads_the_same_and_counts_lines_alike(string eol)
    {
        var text = string.Join(eol, "1", "00:00:01,000 --> 00:00:02,000", "One", "", "2", "00:00:05,000 --> 00:00:04,000", "Two", "");
        var doc = Doc(text);
        Assert.Equal(["One", "Two"], doc.Lines.Select(l => l.Text));
        Assert.Equal(["a.srt: cue 2 (line 6): ends before it starts '00:00:05,000 --> 00:00:04,000'; its times are ignored"], doc.Warnings);
    }

    [Fact]
    public void Tolerates_missing_blank_lines_and_missing_numbers_with_one_warning()
    {
        var text = "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n00:00:03.500 --> 00:00:04.000\nThree\n\n\n\n";
        var doc = Doc(text);
        Assert.Equal(["One", "Two", "Three"], doc.Lines.Select(l => l.Text));
        Assert.Equal([1.0, 2.0, 3.5], doc.Lines.Select(l => l.Start!.Value));
        Assert.Equal([0, 1, 2], doc.Lines.Select(l => l.Index));
        Assert.Equal(["a.srt: cue 2 (line 4): no blank line before this cue (and 1 more)"], doc.Warnings);
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
        var doc = Doc("1\n00:00:01,000 --> 00:00:02,000\nFirst part\n\nsecond part\n\n2\n00:00:03,000 --> 00:00:04,000\nNext\n");
        Assert.Equal([new CaptionLine(0, "First part second part", 1.0, 2.0), new CaptionLine(1, "Next", 3.0, 4.0)], doc.Lines);
        Assert.Equal(["a.srt: cue 1 (line 5): a blank line inside the cue's text; the text after it is kept in the cue"], doc.Warnings);
    }

    [Fact]
    public void Inverted_times_are_dropped_once_with_the_first_cue_and_the_file_is_read()
    {
        var doc = Doc("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:05,000 --> 00:00:04,000\nTwo\n\n"
            + "3\n00:00:09,000 --> 00:00:08,000\nThree\n\n4\n00:00:10,000 --> 00:00:11,000\nFour\n");
        Assert.Equal([(1.0, 2.0), (null, null), (null, null), (10.0, 11.0)], doc.Lines.Select(l => ((double?, double?))(l.Start, l.End)));
        Assert.Equal(["a.srt: cue 2 (line 6): ends before it starts '00:00:05,000 --> 00:00:04,000'; its times are ignored (and 1 more)"], doc.Warnings);
    }

    [Theory]
    [InlineData("1\n00:00:01,000 --> 00:0x:02,000\nText\n", "a.srt: cue 1 (line 2): malformed times '00:00:01,000 --> 00:0x:02,000'; its times are ignored")]
    [InlineData("1\n00:00:01 --> \nText\n", "a.srt: cue 1 (line 2): malformed times '00:00:01 -->'; its times are ignored")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n00:00:03,000 -> 00:00:04,000\nText\n",
        "a.srt: cue 2 (line 5): malformed times (no '-->') '00:00:03,000 -> 00:00:04,000'; its times are ignored")]
    public void Malformed_times_are_ignored_and_named_by_cue_and_line(string text, string warning)
    {
        var doc = Doc(text);
        Assert.Equal("Text", doc.Lines[^1].Text);
        Assert.Null(doc.Lines[^1].Start);
        Assert.Equal([warning], doc.Warnings);
    }

    [Fact]
    public void Overlapping_and_out_of_order_cues_are_reported_and_kept_in_file_order()
    {
        var doc = Doc("1\n00:00:05,000 --> 00:00:07,000\nOne\n\n2\n00:00:06,000 --> 00:00:08,000\nTwo\n\n"
            + "3\n00:00:01,000 --> 00:00:02,000\nThree\n\n4\n00:00:01,500 --> 00:00:03,000\nFour\n");
        Assert.Equal(["One", "Two", "Three", "Four"], doc.Lines.Select(l => l.Text));
        Assert.Equal([5.0, 6.0, 1.0, 1.5], doc.Lines.Select(l => l.Start!.Value));
        Assert.Equal(
            [
                "a.srt: cue 2 (line 6): overlaps cue 1 (and 1 more)",
                "a.srt: cue 3 (line 10): starts before cue 2 (times are only hints; the file's order is kept)",
            ],
            doc.Warnings);
    }

    [Fact]
    public void A_byte_order_mark_in_the_middle_is_removed_with_a_warning_and_lines_still_count()
    {
        var doc = Doc("\uFEFF1\n00:00:01,000 --> 00:00:02,000\nOne\n\n\uFEFF2\n00:00:03,000 --> 00:00:04,000\nTwo\n\n3\n00:00:05,000 --> 00:00:04,000\nThree\n");
        Assert.Equal(["One", "Two", "Three"], doc.Lines.Select(l => l.Text));
        Assert.Equal(3.0, doc.Lines[1].Start);
        Assert.Equal(
            [
                "a.srt: line 5: a byte-order mark inside the file (removed; files joined together?)",
                "a.srt: cue 3 (line 10): ends before it starts '00:00:05,000 --> 00:00:04,000'; its times are ignored",
            ],
            doc.Warnings);
    }

    [Fact]
    public void A_cue_number_without_times_gives_a_caption_without_times()
    {
        var doc = Doc("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\nTwo without times\n\n3\n00:00:05,000 --> 00:00:06,000\nThree\n");
        Assert.Equal([("One", (double?)1.0), ("Two without times", null), ("Three", 5.0)], doc.Lines.Select(l => (l.Text, l.Start)));
        Assert.Equal(["a.srt: cue 2 (line 5): a cue number with no timing line; its text is read without times"], doc.Warnings);
    }

    [Fact]
    public void A_number_that_is_not_the_next_cue_number_is_text()
    {
        var doc = Doc("1\n00:00:01,000 --> 00:00:02,000\nThe answer is\n\n42\n\n2\n00:00:05,000 --> 00:00:06,000\nNext\n");
        Assert.Equal(["The answer is 42", "Next"], doc.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Text_before_the_first_cue_is_read_without_times()
    {
        var doc = Doc("Title card\n\n1\n00:00:01,000 --> 00:00:02,000\nOne\n");
        Assert.Equal([("Title card", (double?)null), ("One", 1.0)], doc.Lines.Select(l => (l.Text, l.Start)));
        Assert.Equal(["a.srt: cue 1 (line 1): text before the first timing line; read as a cue without times"], doc.Warnings);
    }

    [Fact]
    public void Html_and_ass_styling_is_kept_in_the_cue_and_left_out_of_the_aligned_text()
    {
        var doc = Doc("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"#ffff00\"><b>Say</b></font> <no> to\n<u>that</u>{\\i1}!{\\i0}\n");
        Assert.Equal("Say <no> to that!", doc.Lines[0].Text);
        Assert.Equal(["{\\an8}<font color=\"#ffff00\"><b>Say</b></font> <no> to", "<u>that</u>{\\i1}!{\\i0}"], doc.Cues[0].TextLines);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void A_very_long_line_is_read_whole_with_one_warning()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 20_000));
        var doc = Doc($"1\n00:00:01,000 --> 00:00:02,000\nshort\n\n2\n00:00:02,000 --> 00:10:00,000\n{words}\n\n3\n00:10:00,000 --> 00:20:00,000\n{words}\n");
        Assert.Equal(words, doc.Lines[1].Text);
        Assert.Equal([$"a.srt: cue 2 (line 6): a text line of {words.Length} characters (and 1 more)"], doc.Warnings);
    }

    [Theory]
    [InlineData("Hello\nWorld\n", "a.srt: no cue timing lines ('HH:MM:SS,mmm --> HH:MM:SS,mmm'); is it an SRT file?")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\n\n", "a.srt: no captions with text")]
    public void A_file_that_cannot_be_read_is_one_line(string text, string message)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => SrtReader.Parse(text, "a.srt"));
        Assert.Equal(message, ex.Message);
    }
}
