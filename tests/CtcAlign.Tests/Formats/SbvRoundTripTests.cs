using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class SbvRoundTripTests
{
    private const string Sbv = "0:00:01.000,0:00:02.500\n>> ANCHOR: Good evening.\nTwo lines here.\n\n"
        + "0:00:03.000,0:00:09.000\n[THEME MUSIC]\n\n"
        + "0:00:09.250,1:00:00.125\nHere is the news.\n";

    [Fact]
    public void Sbv_is_read_by_extension_or_content_and_written_back_as_it_was_when_the_times_do_not_change()
    {
        var document = CaptionReader.Parse(Sbv, "news.sbv");
        Assert.Equal(CaptionFileKind.Sbv, document.Kind);
        Assert.Equal(CaptionFileKind.Sbv, CaptionReader.Parse(Sbv, "news.captions").Kind);
        Assert.Equal(["Good evening. Two lines here.", "Here is the news."], document.Lines.Select(l => l.Text));
        Assert.Equal([(1.0, 2.5), (9.25, 3600.125)], document.Lines.Select(l => (l.Start!.Value, l.End!.Value)));
        Assert.Equal([false, true, false], document.Cues.Select(c => c.IsSoundOnly));

        var media = new MediaAlignment("news", "news.wav", 4000,
            document.Lines.Select(l => new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(), l.Start, l.End, -0.5, SegmentStatus.Aligned, [])).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };
        using var written = new StringWriter();
        var report = SubtitleWriter.WriteSbv(written, media, SubtitleOptions.Default);
        Assert.Equal(Sbv, written.ToString());
        Assert.Equal((3, 1), (report.Written, report.SoundOnly));
    }

    [Fact]
    public void Re_timed_sbv_keeps_lines_and_takes_the_aligned_times_and_srt_becomes_sbv_without_markup()
    {
        var document = CaptionReader.Parse(Sbv, "news.sbv");
        var media = new MediaAlignment("news", "news.wav", 4000,
        [
            new AlignedSegment(0, document.Lines[0].Text, "x", 0.52, 2.004, -0.5, SegmentStatus.Aligned, []),
            new AlignedSegment(1, document.Lines[1].Text, "x", 10, 12.5, -0.5, SegmentStatus.Aligned, []),
        ]) { CaptionsName = document.Source, CaptionsText = document.Text };
        using var written = new StringWriter();
        SubtitleWriter.WriteSbv(written, media, SubtitleOptions.Default);
        Assert.Equal("0:00:00.520,0:00:02.004\n>> ANCHOR: Good evening.\nTwo lines here.\n\n0:00:03.000,0:00:09.000\n[THEME MUSIC]\n\n"
            + "0:00:10.000,0:00:12.500\nHere is the news.\n", written.ToString());
        // read back: the same text, the written times to the millisecond
        var again = CaptionReader.Parse(written.ToString(), "again.sbv");
        Assert.Equal(document.Lines.Select(l => l.Text), again.Lines.Select(l => l.Text));
        Assert.Equal([(0.52, 2.004), (10.0, 12.5)], again.Lines.Select(l => (l.Start!.Value, l.End!.Value)));

        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> there\n", "a.srt");
        var fromSrt = new MediaAlignment("a", "a.wav", 5, [new AlignedSegment(0, "Hello there", "hello there", 1.1, 1.9, -0.3, SegmentStatus.Aligned, [])])
        {
            CaptionsName = srt.Source, CaptionsText = srt.Text,
        };
        using var sbv = new StringWriter();
        SubtitleWriter.WriteSbv(sbv, fromSrt, SubtitleOptions.Default);
        Assert.Equal("0:00:01.100,0:00:01.900\nHello there\n", sbv.ToString());
    }

    [Fact]
    public void A_block_without_times_and_reversed_times_are_read_without_times_and_said_once()
    {
        var document = CaptionReader.Parse("0:00:01.000,0:00:02.000\nOne.\n\nTwo.\n\n0:00:05.000,0:00:04.000\nThree.\n", "w.sbv");
        Assert.Equal(["One.", "Two.", "Three."], document.Lines.Select(l => l.Text));
        Assert.Equal([1.0, null, null], document.Lines.Select(l => l.Start));
        Assert.Equal(2, document.Warnings.Count);
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse("just text\n", "x.sbv"));
        Assert.Contains("no SBV timing lines", ex.Message);
    }
}
