using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>Re-timed SRT/WebVTT keep the caption file as written (styling, line breaks, ids, settings, blocks); only times change.</summary>
public class SubtitleRetimingTests
{
    private const string Vtt = "WEBVTT - News at ten\nKind: captions\nLanguage: en\n\n"
        + "STYLE\n::cue(.yellow) { color: yellow }\n\n"
        + "NOTE written by the captioning desk\n\n"
        + "intro\n00:00:01.000 --> 00:00:03.000 align:start position:10% line:0\n<v Anna><i>Good</i> evening,</v>\n<c.yellow>and welcome.</c>\n\n"
        + "00:00:04.000 --> 00:00:06.000\nNever said &amp; never heard.\n\n"
        + "NOTE a second note\nacross two lines\n\n"
        + "cue-3\n00:00:07.000 --> 00:00:09.000 line:90%\nHere is <b>the news</b> &lt;today&gt;.\n";

    private const string Srt = "1\r\n00:00:01,000 --> 00:00:03,000 X1:40 X2:600 Y1:20 Y2:80\r\n{\\an8}<i>Good</i> evening,\r\n<font color=\"#ffff00\">and welcome.</font>\r\n\r\n"
        + "2\r\n00:00:04,000 --> 00:00:06,000\r\nNever said & never heard.\r\n\r\n"
        + "3\r\n00:00:07,000 --> 00:00:09,000\r\nHere is <b>the news</b>.\r\n";

    private static MediaAlignment Aligned(CaptionDocument document, params (double Start, double End, SegmentStatus Status)[] times) =>
        new("news", "news.wav", 12, document.Lines.Select((l, i) => new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(),
            times[i].Status == SegmentStatus.NotAligned ? null : times[i].Start, times[i].Status == SegmentStatus.NotAligned ? null : times[i].End,
            -1, times[i].Status, []) { HintStart = l.Start, HintEnd = l.End }).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };

    private static string Write(Func<TextWriter, SubtitleReport> write)
    {
        using var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    [Fact]
    public void Vtt_keeps_header_blocks_ids_settings_styling_and_line_breaks_and_only_times_change()
    {
        var document = CaptionReader.Parse(Vtt, "news.vtt");
        var media = Aligned(document, (1.25, 3.5, SegmentStatus.Aligned), (0, 0, SegmentStatus.NotAligned), (7.04, 8.96, SegmentStatus.Aligned));
        var written = Write(w => SubtitleWriter.WriteVtt(w, media, SubtitleOptions.Default));
        Assert.Equal("WEBVTT - News at ten\nKind: captions\nLanguage: en\n\n"
            + "STYLE\n::cue(.yellow) { color: yellow }\n\n"
            + "NOTE written by the captioning desk\n\n"
            + "intro\n00:00:01.250 --> 00:00:03.500 align:start position:10% line:0\n<v Anna><i>Good</i> evening,</v>\n<c.yellow>and welcome.</c>\n\n"
            + "NOTE a second note\nacross two lines\n\n"
            + "cue-3\n00:00:07.040 --> 00:00:08.960 line:90%\nHere is <b>the news</b> &lt;today&gt;.\n\n", written);

        // Read back: the same cues as written (text, ids, settings), with the new times.
        var again = VttReader.ParseDocument(written, "again.vtt");
        Assert.Equal([(1.25, 3.5), (7.04, 8.96)], again.Cues.Select(c => (c.Start!.Value, c.End!.Value)));
        Assert.Equal([document.Cues[0].TextLines, document.Cues[2].TextLines], again.Cues.Select(c => c.TextLines));
        Assert.Equal([document.Cues[0].Settings, document.Cues[2].Settings], again.Cues.Select(c => c.Settings));
        Assert.Equal(document.Header, again.Header);
    }

    [Fact]
    public void Srt_keeps_styling_coordinates_and_line_breaks_and_only_times_change()
    {
        var document = CaptionReader.Parse(Srt, "news.srt");
        var media = Aligned(document, (1.25, 3.5, SegmentStatus.Aligned), (4.1, 5.9, SegmentStatus.Aligned), (7.04, 8.96, SegmentStatus.Aligned));
        var written = Write(w => SubtitleWriter.WriteSrt(w, media, SubtitleOptions.Default));
        Assert.Equal(Srt.Replace("\r\n", "\n").Replace("00:00:01,000 --> 00:00:03,000", "00:00:01,250 --> 00:00:03,500")
            .Replace("00:00:04,000 --> 00:00:06,000", "00:00:04,100 --> 00:00:05,900").Replace("00:00:07,000 --> 00:00:09,000", "00:00:07,040 --> 00:00:08,960") + "\n", written);
    }

    [Fact]
    public void Between_formats_markup_the_other_format_lacks_is_dropped_and_text_escaped()
    {
        var srt = CaptionReader.Parse(Srt, "news.srt");
        var vtt = Write(w => SubtitleWriter.WriteVtt(w, Aligned(srt, (1, 3, SegmentStatus.Aligned), (4, 6, SegmentStatus.Aligned), (7, 9, SegmentStatus.Aligned)), SubtitleOptions.Default));
        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<i>Good</i> evening,\nand welcome.\n\n"
            + "00:00:04.000 --> 00:00:06.000\nNever said &amp; never heard.\n\n00:00:07.000 --> 00:00:09.000\nHere is <b>the news</b>.\n\n", vtt);
        Assert.Equal(srt.Lines.Select(l => l.Text), VttReader.Parse(vtt, "x.vtt").Select(l => l.Text));

        var fromVtt = CaptionReader.Parse(Vtt, "news.vtt");
        var back = Write(w => SubtitleWriter.WriteSrt(w, Aligned(fromVtt, (1, 3, SegmentStatus.Aligned), (4, 6, SegmentStatus.Aligned), (7, 9, SegmentStatus.Aligned)), SubtitleOptions.Default));
        Assert.Equal("1\n00:00:01,000 --> 00:00:03,000\n<i>Good</i> evening,\nand welcome.\n\n2\n00:00:04,000 --> 00:00:06,000\nNever said & never heard.\n\n"
            + "3\n00:00:07,000 --> 00:00:09,000\nHere is <b>the news</b> <today>.\n\n", back);
    }

    [Fact]
    public void Lines_not_aligned_are_left_out_unless_kept_and_then_sit_between_their_neighbours_marked_in_a_note()
    {
        var document = CaptionReader.Parse(Vtt, "news.vtt");
        // The aligned neighbours moved: where the low-confidence line was placed (4.2-6) overlaps the next cue at 5.5.
        var media = Aligned(document, (1, 3.2, SegmentStatus.Aligned), (4.2, 6.0, SegmentStatus.LowConfidence), (5.5, 8, SegmentStatus.Aligned));
        using (var w = new StringWriter())
        {
            var report = SubtitleWriter.WriteVtt(w, media, SubtitleOptions.Default);
            Assert.Equal(2, report.Written);
            Assert.Equal(1, report.LeftOut);
            Assert.DoesNotContain("Never said", w.ToString());
        }
        using var kept = new StringWriter();
        var keptReport = SubtitleWriter.WriteVtt(kept, media, SubtitleOptions.Default with { KeepUnaligned = true });
        Assert.Equal((3, 1, 0), (keptReport.Written, keptReport.KeptUnaligned, keptReport.LeftOut));
        Assert.Contains("NOTE ctcalign: the next cue is low_confidence; placed between its re-timed neighbours\n\n00:00:04.200 --> 00:00:05.500\nNever said &amp; never heard.\n", kept.ToString());
        var cues = VttReader.ParseDocument(kept.ToString(), "k.vtt").Cues;
        for (var i = 1; i < cues.Count; i++)
            Assert.True(cues[i].Start >= cues[i - 1].End, $"cue {i + 1} overlaps cue {i}");
    }

    [Fact]
    public void Kept_lines_without_room_for_their_own_times_share_the_gap()
    {
        Assert.Equal([(2.0, 3.0), (3.0, 4.0)], CueTimeline.PlaceInGap([(5.0, 6.0), null], 2, 4));
        Assert.Equal([(2.5, 3.0), (3.0, 3.8)], CueTimeline.PlaceInGap([(2.5, 3.0), (2.8, 3.8)], 2, 4));
        Assert.Equal([null], CueTimeline.PlaceInGap([(2.5, 3.0)], 2, 2.05));
        Assert.Equal([(9.0, 11.0), (11.0, 13.0)], CueTimeline.PlaceInGap([null, null], 9, null));
    }

    private static MediaAlignment Plain(params (double Start, double End)[] times) =>
        new("m", "m.wav", 0, times.Select((t, i) => new AlignedSegment(i, $"line {i}", $"line {i}", t.Start, t.End, -1, SegmentStatus.Aligned, [])).ToList());

    private static List<(double, double)> Times(MediaAlignment media, SubtitleOptions options) =>
        CueTimeline.Plan(SubtitleWriter.DocumentOf(media), media.Segments, media.DurationSeconds, options).Cues
            .Select(c => (Math.Round(c.Start, 4), Math.Round(c.End, 4))).ToList();

    [Fact]
    public void Clean_up_rules_no_overlap_min_duration_min_gap_offset_and_frames()
    {
        var media = Plain((1.0, 2.5), (2.2, 2.4), (2.45, 4.0));
        Assert.Equal([(1.0, 2.5), (2.2, 2.4), (2.45, 4.0)], Times(media, SubtitleOptions.Default));
        Assert.Equal([(1.0, 2.2), (2.2, 2.4), (2.45, 4.0)], Times(media, new SubtitleOptions { NoOverlap = true }));
        Assert.Equal([(1.0, 2.12), (2.2, 2.37), (2.45, 4.0)], Times(media, new SubtitleOptions { NoOverlap = true, MinGap = 0.08 }));
        Assert.Equal([(1.0, 2.2), (2.2, 2.45), (2.45, 4.0)], Times(Plain((1.0, 2.2), (2.2, 2.3), (2.45, 4.0)), new SubtitleOptions { MinDuration = 1 }));
        Assert.Equal([(0.5, 2.0), (1.7, 1.9)], Times(Plain((1.0, 2.5), (2.2, 2.4)), new SubtitleOptions { Offset = -0.5 }));
        Assert.Equal([(0.0, 0.1)], Times(Plain((0.1, 0.3), (0.4, 0.6)), new SubtitleOptions { Offset = -0.2 }).Take(1));
        Assert.Equal([(1.0, 2.52), (2.2, 2.4)], Times(Plain((1.01, 2.51), (2.21, 2.41)), new SubtitleOptions { Fps = 25 }));
        var ntsc = Times(Plain((1.0, 2.0)), new SubtitleOptions { Fps = 29.97 });
        Assert.Equal([(Math.Round(30 * 1001 / 30000.0, 4), Math.Round(60 * 1001 / 30000.0, 4))], ntsc);
    }

    [Fact]
    public void The_report_gives_the_fastest_reading_speed()
    {
        var media = Plain((0, 2), (2, 2.2), (3, 4));
        var (_, report) = CueTimeline.Plan(SubtitleWriter.DocumentOf(media), media.Segments, 0, SubtitleOptions.Default);
        Assert.Equal((3, 2, 1), (report.Written, report.FastestCue, report.AboveMaxCps));
        Assert.Equal(30, report.MaxCharactersPerSecond, 6);
        Assert.Equal("3 cues; fastest 30.0 characters/s (cue 2), 1 above 20", report.Describe());
    }

    [Theory]
    [InlineData(-1.0, 0.0, null, "--min-cue-duration must be 0 or more seconds (got -1)")]
    [InlineData(0.0, -0.1, null, "--min-gap must be 0 or more seconds (got -0.1)")]
    [InlineData(0.0, 0.0, 0.0, "--fps must be a frame rate between 0 and 1000 (got 0)")]
    public void Values_that_make_no_sense_are_named(double minDuration, double minGap, double? fps, string problem) =>
        Assert.Equal(problem, new SubtitleOptions { MinDuration = minDuration, MinGap = minGap, Fps = fps }.Problem());
}
