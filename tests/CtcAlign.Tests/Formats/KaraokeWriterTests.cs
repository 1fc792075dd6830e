using System.Text.RegularExpressions;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class KaraokeWriterTests
{
    private const string Srt = "1\n00:00:01,000 --> 00:00:03,000\n<i>Good</i> evening,\nand welcome.\n\n";

    private static readonly (string Word, double Start, double End)[] Words = [("Good", 1.2, 1.5), ("evening,", 1.5, 1.9), ("and", 2.0, 2.2), ("welcome.", 2.2, 2.8)];

    private static MediaAlignment Media(string captions, string name, SegmentStatus status = SegmentStatus.Aligned)
    {
        var document = CaptionReader.Parse(captions, name);
        var line = document.Lines[0];
        return new MediaAlignment("m", "m.wav", 60, [new AlignedSegment(line.Index, line.Text, line.Text.ToLowerInvariant(), 1.0, 3.0, -0.5, status,
            Words.Select(w => new AlignedWord(w.Word, w.Start, w.End, 0.9)).ToList())])
        {
            CaptionsName = name, CaptionsText = captions,
        };
    }

    private static readonly SubtitleOptions Karaoke = SubtitleOptions.Default with { Karaoke = true };

    [Fact]
    public void Vtt_gets_a_timestamp_tag_before_each_word_inside_the_cues_own_markup()
    {
        using var w = new StringWriter();
        SubtitleWriter.WriteVtt(w, Media(Srt, "a.srt"), Karaoke);
        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<i><00:00:01.200>Good</i> <00:00:01.500>evening,\n<00:00:02.000>and <00:00:02.200>welcome.\n\n", w.ToString());
    }

    [Fact]
    public void Ass_gets_kf_durations_in_centiseconds_with_the_lead_in_first()
    {
        using var w = new StringWriter();
        SubtitleWriter.WriteAss(w, Media(Srt, "a.srt"), Karaoke);
        Assert.EndsWith("\nDialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\i1}{\\kf20}{\\kf30}Good{\\i0} {\\kf50}evening,\\N{\\kf20}and {\\kf60}welcome.\n", w.ToString());
    }

    [Fact]
    public void Srt_gets_one_cue_per_word_with_the_words_spoken_so_far_in_yellow()
    {
        using var w = new StringWriter();
        SubtitleWriter.WriteSrt(w, Media(Srt, "a.srt"), Karaoke);
        const string Y = "<font color=\"#FFFF00\">";
        Assert.Equal("1\n00:00:01,000 --> 00:00:01,200\n<i>Good</i> evening,\nand welcome.\n\n"
            + $"2\n00:00:01,200 --> 00:00:01,500\n<i>{Y}Good</font></i> evening,\nand welcome.\n\n"
            + $"3\n00:00:01,500 --> 00:00:02,000\n<i>{Y}Good</font></i> {Y}evening,</font>\nand welcome.\n\n"
            + $"4\n00:00:02,000 --> 00:00:02,200\n<i>{Y}Good</font></i> {Y}evening,</font>\n{Y}and</font> welcome.\n\n"
            + $"5\n00:00:02,200 --> 00:00:03,000\n<i>{Y}Good</font></i> {Y}evening,</font>\n{Y}and</font> {Y}welcome.</font>\n\n", w.ToString());
    }

    [Fact]
    public void Offset_and_frames_move_the_word_marks_with_the_cue_and_lines_not_aligned_are_not_highlighted()
    {
        using (var w = new StringWriter())
        {
            SubtitleWriter.WriteVtt(w, Media(Srt, "a.srt"), Karaoke with { Offset = 1, Fps = 25 });
            Assert.Contains("00:00:02.000 --> 00:00:04.000\n<i><00:00:02.200>Good</i> <00:00:02.520>evening,", w.ToString()); // 1.5 + 1 s on a 25 fps frame: 2.52
        }
        using (var w = new StringWriter())
        {
            SubtitleWriter.WriteVtt(w, Media(Srt, "a.srt", SegmentStatus.LowConfidence), Karaoke with { KeepUnaligned = true });
            Assert.Contains("<i>Good</i> evening,\nand welcome.\n", w.ToString());
        }
        using (var w = new StringWriter())
        {
            SubtitleWriter.WriteVtt(w, Media(Srt, "a.srt"), SubtitleOptions.Default);
            Assert.DoesNotContain("<00:", w.ToString()); // only when asked
        }
    }

    [Fact]
    public void Words_are_found_past_markup_entities_and_labels_and_a_missing_word_gets_no_mark()
    {
        var places = KaraokeWriter.Locate(["ANCHOR: AT&amp;T <b>re</b>ports", "{\\an8}[MUSIC] growth"], ["AT&T", "reports", "nothing", "growth"]);
        Assert.Equal(new KaraokeWriter.WordPlace(0, 8, 16), places[0]);
        Assert.Equal(new KaraokeWriter.WordPlace(0, 20, 31), places[1]); // "re</b>ports": markup inside the word
        Assert.Null(places[2]);
        Assert.Equal(new KaraokeWriter.WordPlace(1, 14, 20), places[3]);
    }

    /// <summary>Whatever the markup, taking the karaoke marks out again gives the cue's lines back, and every word found is marked.</summary>
    [Fact]
    public void Removing_the_marks_gives_the_lines_back_on_random_cues()
    {
        var random = new Random(4);
        string[] vocabulary = ["so", "she", "said", "AT&amp;T", "naomi,", "call", "me", "mara.", "[laughs]", "well-known", "o'clock"];
        for (var k = 0; k < 200; k++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 3)).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            {
                var word = vocabulary[random.Next(vocabulary.Length)];
                return random.Next(4) switch { 0 => $"<i>{word}</i>", 1 => $"<b>{word}", _ => word };
            }))).ToList();
            var spoken = CaptionText.Spoken(lines);
            if (spoken.Length == 0)
                continue;
            var words = spoken.Split(' ');
            var cue = new CaptionCue(1, 1, null, 0, 10, "", lines) { LineIndex = 0 };
            var segment = new AlignedSegment(0, spoken, spoken, 0, 10, -1, SegmentStatus.Aligned,
                words.Select((w, i) => new AlignedWord(w, 1 + i * 0.5, 1.4 + i * 0.5, 0.9)).ToList());
            var timed = new TimedCue(cue, 0, 10, TimedCueKind.Aligned, segment);
            var vtt = KaraokeWriter.Vtt(timed, lines, SubtitleOptions.Default);
            Assert.Equal(lines, vtt.Select(l => Regex.Replace(l, @"<\d\d:\d\d:\d\d\.\d\d\d>", "")));
            Assert.Equal(words.Length, vtt.Sum(l => Regex.Matches(l, @"<\d\d:").Count));
            var steps = KaraokeWriter.Srt(timed, lines, SubtitleOptions.Default);
            Assert.Equal(words.Length + 1, steps.Count);
            foreach (var (_, _, shown) in steps)
                Assert.Equal(lines, shown.Select(l => l.Replace("<font color=\"#FFFF00\">", "").Replace("</font>", "")));
            Assert.Equal(words.Length, steps[^1].Lines.Sum(l => Regex.Matches(l, "<font color=\"#FFFF00\">").Count)); // every word highlighted at the end
        }
    }
}
