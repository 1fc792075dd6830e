using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class SccRoundTripTests
{
    /// <summary>
    /// Hand-built (the pairs computed apart from the code under test): a pop-on caption on rows 14 (indent 4) and 15 with
    /// 608 letters (0x7E ñ, 0x5C é, 0x2A á, 0x5E í), a special ¿, italics by preamble, a mid-row code back to white and an
    /// extended Ü after its stand-in U; a red caption with an underlined mid-row and a music note; two roll-up rows; a
    /// paint-on caption on row 1 at column 8.
    /// </summary>
    internal const string Fixture = "Scenarist_SCC V1.0\n\n"
        + "00:00:01;00\t9420 9420 94ae 94ae 9452 9452 d3e5 feef f22c 2080 91b3 91b3 f175 dc20 f461 ecbf 946e 946e 4aef 73dc 9120 9120 "
        + "e573 f42a 2061 f175 5e20 d580 92a4 92a4 62e5 f280 942f 942f\n\n"
        + "00:00:04;00\t9420 9420 94ae 94ae 9468 9468 5761 f26e e96e 6780 91a1 91a1 6eef f720 9137 9137 942f 942f\n\n"
        + "00:00:07;00\t942c 942c\n\n"
        + "00:00:08;00\t9425 9425 94ad 94ad 9470 9470 e6e9 f273 f420 f2ef ecec e96e 6720 ece9 6ee5\n\n"
        + "00:00:10;00\t9425 9425 94ad 94ad 9470 9470 73e5 e3ef 6e64 20ec e96e e580\n\n"
        + "00:00:12;00\t942c 942c\n\n"
        + "00:00:13;00\t9429 9429 9154 9154 7061 e96e f4e5 6420 f4e5 f8f4\n\n"
        + "00:00:15;00\t942c 942c\n";

    private static double At(long frame) => NtscTimecode.Seconds(frame);

    internal static MediaAlignment Aligned(CaptionDocument document, IReadOnlyList<(double Start, double End)> times) =>
        new("news", "news.wav", 60, document.Lines.Select((l, i) =>
            new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(), times[i].Start, times[i].End, -0.5, SegmentStatus.Aligned, [])).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };

    [Fact]
    public void Pop_on_roll_up_and_paint_on_captions_are_read_with_their_characters_styling_rows_and_times()
    {
        var document = CaptionReader.Parse(Fixture, "news.scc");
        Assert.Equal(CaptionFileKind.Scc, document.Kind);
        Assert.Equal(CaptionFileKind.Scc, CaptionReader.Parse(Fixture, "news.captions").Kind);
        Assert.Equal(
            [
                ["Señor, ¿qué tal?", "<i>José</i> está aquí Über"],
                ["<font color=\"red\">Warning</font> <u>now ♪</u>"],
                ["first rolling line"], ["second line"], ["painted text"],
            ],
            document.Cues.Select(c => c.TextLines));
        Assert.Equal(["pop-on r14c4 r15c0", "pop-on r15c0", "roll-up r15c0", "roll-up r15c0", "paint-on r1c8"], document.Cues.Select(c => c.Settings));
        // EOC at the line's frame plus the pairs before it; roll-up from the row's first character to the CR; paint-on to the EDM
        Assert.Equal([(At(30 + 32), At(120 + 16)), (At(136), At(210)), (At(246), At(302)), (At(306), At(360)), (At(394), At(450))],
            document.Cues.Select(c => (c.Start!.Value, c.End!.Value)));
        Assert.Equal(["Señor, ¿qué tal? José está aquí Über", "Warning now", "first rolling line", "second line", "painted text"],
            document.Lines.Select(l => l.Text));
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Written_back_unchanged_every_cue_is_pop_on_with_the_same_text_styling_rows_and_frames()
    {
        var document = CaptionReader.Parse(Fixture, "news.scc");
        using var written = new StringWriter();
        var report = SccWriter.Write(written, Aligned(document, document.Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToList()), SubtitleOptions.Default);
        Assert.Empty(report.Notes);
        var text = written.ToString();
        Assert.StartsWith("Scenarist_SCC V1.0\n\n", text);
        Assert.All(text.Split('\n').Skip(2).Where(l => l.Length > 0), l => Assert.Matches(@"^\d\d:\d\d:\d\d;\d\d\t[0-9a-f]{4}( [0-9a-f]{4})*$", l));

        var again = CaptionReader.Parse(text, "again.scc");
        Assert.Equal(document.Cues.Select(c => c.TextLines), again.Cues.Select(c => c.TextLines));
        Assert.Equal(document.Cues.Select(c => SccReader.PositionsOf(c.Settings)), again.Cues.Select(c => SccReader.PositionsOf(c.Settings)));
        Assert.All(again.Cues, c => Assert.StartsWith("pop-on", c.Settings));
        Assert.Equal(document.Cues.Select(c => (NtscTimecode.FrameAt(c.Start!.Value), NtscTimecode.FrameAt(c.End!.Value))),
            again.Cues.Select(c => (NtscTimecode.FrameAt(c.Start!.Value), NtscTimecode.FrameAt(c.End!.Value))));

        using var twice = new StringWriter();
        SccWriter.Write(twice, Aligned(again, again.Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToList()), SubtitleOptions.Default);
        Assert.Equal(text, twice.ToString()); // stable once written
    }

    [Fact]
    public void Retimed_cues_land_on_their_frames_and_non_drop_captions_stay_non_drop()
    {
        var nonDrop = Fixture.Replace(";", ":");
        var document = CaptionReader.Parse(nonDrop, "nd.scc");
        var times = new[] { (2.0, 3.5), (3.5, 5.0), (6.0, 7.0), (7.5, 8.0), (100.0, 102.5) };
        using var written = new StringWriter();
        SccWriter.Write(written, Aligned(document, times), SubtitleOptions.Default);
        Assert.DoesNotContain(";", written.ToString());
        var again = CaptionReader.Parse(written.ToString(), "again.scc");
        Assert.Equal(times.Select(t => (NtscTimecode.FrameAt(t.Item1), NtscTimecode.FrameAt(t.Item2))),
            again.Cues.Select(c => (NtscTimecode.FrameAt(c.Start!.Value), NtscTimecode.FrameAt(c.End!.Value))));
    }

    [Fact]
    public void Srt_becomes_pop_on_scc_wrapped_to_32_columns_centred_on_the_bottom_rows_with_its_styling()
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:03,000\n<i>Crème brûlée</i> for everyone at the café tonight, Zoë said\n\n"
            + "2\n00:00:04,000 --> 00:00:05,000\n{\\an8}Top <font color=\"#ffff00\">yellow</font> *note*\n", "a.srt");
        using var written = new StringWriter();
        var report = SccWriter.Write(written, Aligned(srt, [(3.0, 5.0), (6.0, 7.0)]), SubtitleOptions.Default);
        var scc = CaptionReader.Parse(written.ToString(), "a.scc");
        Assert.Equal(2, scc.Cues.Count);
        var rows = scc.Cues[0].TextLines;
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(CaptionText.Clean([r]).Length <= 32, r));
        Assert.Equal("Crème brûlée for everyone at the café tonight, Zoë said", CaptionText.Clean(rows));
        Assert.StartsWith("<i>Crème brûlée</i>", rows[0]);
        Assert.Equal([14, 15], SccReader.PositionsOf(scc.Cues[0].Settings).Select(p => p.Row));
        Assert.Equal(["Top <font color=\"yellow\">yellow</font> *note*"], scc.Cues[1].TextLines);
        Assert.Equal(2, SccReader.PositionsOf(scc.Cues[1].Settings).Single().Row); // {\an8}: the top
        Assert.Equal(NtscTimecode.FrameAt(3.0), NtscTimecode.FrameAt(scc.Cues[0].Start!.Value));
        Assert.Empty(report.Notes); // è, û, é, ë are all in the 608 set
    }

    [Fact]
    public void Cues_too_close_to_load_start_late_and_are_reported()
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:01,100\nA caption long enough to need many frames\n\n"
            + "2\n00:00:01,100 --> 00:00:02,000\nAnother caption that cannot load in three frames\n\n"
            + "3\n00:00:01,000 --> 00:00:02,000\nő\n", "b.srt");
        using var written = new StringWriter();
        var report = SccWriter.Write(written, Aligned(srt, [(3.0, 3.1), (3.1, 4.0), (5.0, 6.0)]), SubtitleOptions.Default);
        Assert.Contains("1 cue starts late: no time to load before the start", report.Describe());
        Assert.Contains("1 character outside the CEA-608 set written as the nearest one", report.Describe());
        var again = CaptionReader.Parse(written.ToString(), "b.scc");
        Assert.True(again.Cues[1].Start > 3.2);
        Assert.Equal(["o"], again.Cues[2].TextLines);
    }

    [Theory]
    [InlineData("WEBVTT\n", "not a Scenarist SCC file")]
    [InlineData("Scenarist_SCC V1.0\n\n00:00:01;00\t9420 1420\n", "line 3: byte pair 1420 fails the odd parity check")]
    [InlineData("Scenarist_SCC V1.0\n\n00:01:00;00\t9420 9420\n", "line 3: timecode '00:01:00;00' is a dropped frame label")]
    [InlineData("Scenarist_SCC V1.0\n\n00:00:01;00\t9420 94zz\n", "line 3: '94zz' is not a byte pair")]
    [InlineData("Scenarist_SCC V1.0\n\nten past\t9420\n", "line 3: 'ten' is not a timecode")]
    [InlineData("Scenarist_SCC V1.0\n\n00:00:01;00\t9420 9420 c1c1\n", "no captions")]
    public void Damaged_files_stop_with_one_line(string text, string why)
    {
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse(text, "bad.scc"));
        Assert.Contains(why, ex.Message);
        Assert.StartsWith("bad.scc: ", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }
}
