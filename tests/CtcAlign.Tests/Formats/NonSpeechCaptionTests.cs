using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>Speaker labels, sound descriptions and lyrics stay in the captions but are not aligned as speech.</summary>
public class NonSpeechCaptionTests
{
    [Theory]
    [InlineData(">> ANCHOR: Good evening.", "Good evening.")]
    [InlineData(">>> Good evening.", "Good evening.")]
    [InlineData("DR. JONES: It works.", "It works.")]
    [InlineData("MAN 2: Over here!", "Over here!")]
    [InlineData("<v Anna>Hello there</v>", "Hello there")]
    [InlineData("- Are you coming?\n- Yes.", "Are you coming? Yes.")]
    [InlineData("[THEME MUSIC PLAYING] Welcome back.", "Welcome back.")]
    [InlineData("(laughs) That's funny (SIGHS) really.", "That's funny really.")]
    [InlineData("♪ Happy birthday to you ♪", "")]
    [InlineData("♪ And so it goes\nOn and on", "On and on")]
    [InlineData("Yes. >> REPORTER: Thank you.", "Yes. Thank you.")]
    [InlineData("[MAN]: I know.", "I know.")]
    [InlineData("Note: this is speech.", "Note: this is speech.")]
    [InlineData("II: If today", "II: If today")]
    [InlineData("The time is 10:30 now.", "The time is 10:30 now.")]
    [InlineData("{\\an8}[APPLAUSE]", "")]
    [InlineData(">> ", "")]
    [InlineData("♬ La la la ♬ Thank you.", "Thank you.")]
    [InlineData("# Happy birthday to you # Make a wish.", "Make a wish.")]
    [InlineData("It was their #1 hit, #throwback", "It was their #1 hit, #throwback")]
    [InlineData("JOSÉ: Buenos días.", "Buenos días.")]
    [InlineData(">> McDONALD: We agree.", "We agree.")]
    [InlineData("ZOË: Ready?", "Ready?")]
    public void The_spoken_text_leaves_out_labels_descriptions_and_lyrics(string cue, string spoken) =>
        Assert.Equal(spoken, CaptionText.Spoken(cue.Split('\n')));

    private const string Srt = "1\n00:00:01,000 --> 00:00:03,000\n>> ANCHOR: Good evening.\n\n"
        + "2\n00:00:03,000 --> 00:00:09,000\n[THEME MUSIC PLAYING]\n\n"
        + "3\n00:00:09,000 --> 00:00:11,000\n♪ ♪\n\n"
        + "4\n00:00:10,000 --> 00:00:12,000\n(APPLAUSE)\n- Here is the news.\n";

    [Fact]
    public void Sound_only_cues_are_kept_as_written_between_their_re_timed_neighbours_and_marked()
    {
        var document = CaptionReader.Parse(Srt, "news.srt");
        Assert.Equal(["Good evening.", "Here is the news."], document.Lines.Select(l => l.Text));
        Assert.Equal([false, true, true, false], document.Cues.Select(c => c.IsSoundOnly));

        // Good evening. re-timed to 1.5-2.8, the news to 8.2-10: the music cue (3-9) is clamped to 2.8-8.2 and the
        // notes (9-11) have no room left of their own, so the two share the gap evenly.
        var media = new MediaAlignment("news", "news.wav", 12,
        [
            new AlignedSegment(0, "Good evening.", "good evening", 1.5, 2.8, -0.5, SegmentStatus.Aligned, []),
            new AlignedSegment(1, "Here is the news.", "here is the news", 8.2, 10, -0.5, SegmentStatus.Aligned, []),
        ]) { CaptionsName = document.Source, CaptionsText = document.Text };
        using var vtt = new StringWriter();
        var report = SubtitleWriter.WriteVtt(vtt, media, SubtitleOptions.Default);
        Assert.Equal((4, 2), (report.Written, report.SoundOnly));
        Assert.Equal("WEBVTT\n\n00:00:01.500 --> 00:00:02.800\n&gt;&gt; ANCHOR: Good evening.\n\n"
            + "NOTE ctcalign: the next cue is sound only (not aligned as speech); placed between its re-timed neighbours\n\n"
            + "00:00:02.800 --> 00:00:05.500\n[THEME MUSIC PLAYING]\n\n"
            + "NOTE ctcalign: the next cue is sound only (not aligned as speech); placed between its re-timed neighbours\n\n"
            + "00:00:05.500 --> 00:00:08.200\n♪ ♪\n\n"
            + "00:00:08.200 --> 00:00:10.000\n(APPLAUSE)\n- Here is the news.\n\n", vtt.ToString());

        using var srt = new StringWriter();
        SubtitleWriter.WriteSrt(srt, media, SubtitleOptions.Default);
        Assert.Equal("1\n00:00:01,500 --> 00:00:02,800\n>> ANCHOR: Good evening.\n\n2\n00:00:02,800 --> 00:00:05,500\n[THEME MUSIC PLAYING]\n\n"
            + "3\n00:00:05,500 --> 00:00:08,200\n♪ ♪\n\n4\n00:00:08,200 --> 00:00:10,000\n(APPLAUSE)\n- Here is the news.\n\n", srt.ToString());
    }

    [Fact]
    public void A_file_with_only_sound_descriptions_is_one_line_error()
    {
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse("1\n00:00:01,000 --> 00:00:02,000\n[MUSIC]\n", "m.srt"));
        Assert.Equal("m.srt: no spoken captions (only sound descriptions or speaker labels)", ex.Message);
    }
}
