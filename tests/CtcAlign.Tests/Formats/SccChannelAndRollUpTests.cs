using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class SccChannelAndRollUpTests
{
    /// <summary>
    /// Hand-built: CC1 loads "Hell" (RCL, ENM, PAC row 15, two text pairs), then CC2 (first bytes 0x1C) loads "Hola"
    /// in the middle of it, its characters sent after CC2's PAC; CC1's EOC at index 16 (frame 46), CC2's at 18 (frame
    /// 48); both erased at 00:00:03;00 (CC1 on frame 90, CC2 on 92).
    /// </summary>
    private const string BothChannels = "Scenarist_SCC V1.0\n\n"
        + "00:00:01;00\t9420 9420 94ae 94ae 9470 9470 c8e5 ecec 1c20 1c20 1cae 1cae 1c70 1c70 c8ef ec61 942f 942f 1c2f 1c2f\n\n"
        + "00:00:03;00\t942c 942c 1c2c 1c2c\n";

    private static double At(long frame) => NtscTimecode.Seconds(frame);

    private static IReadOnlyList<(long, long)> Frames(CaptionDocument document) =>
        document.Cues.Select(c => (NtscTimecode.FrameAt(c.Start!.Value), NtscTimecode.FrameAt(c.End!.Value))).ToList();

    [Fact]
    public void Each_channel_reads_only_its_own_captions_and_the_other_one_is_named()
    {
        var cc1 = CaptionReader.Parse(BothChannels, "both.scc");
        Assert.Equal([["Hell"]], cc1.Cues.Select(c => c.TextLines));
        Assert.Equal([(46L, 90L)], Frames(cc1));
        Assert.Contains(cc1.Warnings, w => w.Contains("also carries 1 caption on CC2, not read (--scc-channel CC2 reads them)"));

        var cc2 = CaptionReader.Parse(BothChannels, "both.scc", sccChannel: 2);
        Assert.Equal([["Hola"]], cc2.Cues.Select(c => c.TextLines));
        Assert.Equal([(48L, 92L)], Frames(cc2));
        Assert.Equal(["pop-on r15c0"], cc2.Cues.Select(c => c.Settings));
        Assert.Contains(cc2.Warnings, w => w.Contains("also carries 1 caption on CC1"));
    }

    [Fact]
    public void The_fixture_with_its_codes_moved_to_cc2_reads_the_same_on_cc2_and_nothing_on_cc1()
    {
        // every control code's first byte gets the channel bit (0x08; parity: 0x94 -> 0x1c, 0x91 -> 0x19, 0x92 -> 0x1a, 0x97 -> 0x1f, 0x13 -> 0x9b...)
        var moved = string.Join("\n", SccRoundTripTests.Fixture.Split('\n').Select(line =>
        {
            var words = line.Split([' ', '\t']);
            if (words.Length < 2 || !char.IsDigit(line[0]))
                return line;
            var pairs = words.Skip(1).Select(w =>
            {
                var first = Convert.ToByte(w[..2], 16);
                if ((first & 0x70) != 0x10)
                    return w;
                var channel2 = (byte)((first & 0x7F) | 0x08);
                return Cea608.WithParity(channel2).ToString("x2") + w[2..];
            });
            return words[0] + "\t" + string.Join(' ', pairs);
        }));
        Assert.NotEqual(SccRoundTripTests.Fixture, moved);
        var original = CaptionReader.Parse(SccRoundTripTests.Fixture, "news.scc");
        var cc2 = CaptionReader.Parse(moved, "news.scc", sccChannel: 2);
        Assert.Equal(original.Cues.Select(c => c.TextLines), cc2.Cues.Select(c => c.TextLines));
        Assert.Equal(original.Cues.Select(c => c.Settings), cc2.Cues.Select(c => c.Settings));
        Assert.Equal(Frames(original), Frames(cc2));
        Assert.Empty(cc2.Warnings);

        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse(moved, "news.scc"));
        Assert.Equal("news.scc: no captions on caption channel CC1; CC2 has 5 captions (--scc-channel CC2 reads them)", ex.Message);
    }

    [Fact]
    public void Exporting_captions_read_from_cc2_keeps_their_cues()
    {
        var cc2 = CaptionReader.Parse(BothChannels, "both.scc", sccChannel: 2);
        var media = SccRoundTripTests.Aligned(cc2, [(2.0, 3.0)]);
        Assert.Equal(["Hola"], SubtitleWriter.DocumentOf(media).Cues.Select(c => c.TextLines[0]));
        Assert.Equal(CaptionFileKind.Scc, SubtitleWriter.DocumentOf(media).Kind);
        using var written = new StringWriter();
        SccWriter.Write(written, media, SubtitleOptions.Default);
        // written back on CC2, the channel it was read from: the same cue there, nothing on CC1
        var again = CaptionReader.Parse(written.ToString(), "again.scc", sccChannel: 2);
        Assert.Equal([["Hola"]], again.Cues.Select(c => c.TextLines));
        Assert.Equal([(NtscTimecode.FrameAt(2.0), NtscTimecode.FrameAt(3.0))], Frames(again));
        Assert.Empty(again.Warnings);
        Assert.Throws<CaptionFormatException>(() => CaptionReader.Parse(written.ToString(), "again.scc"));

        // asked for CC1: written there instead
        using var onCc1 = new StringWriter();
        SccWriter.Write(onCc1, media, SubtitleOptions.Default with { SccChannel = 1 });
        Assert.Equal([["Hola"]], CaptionReader.Parse(onCc1.ToString(), "cc1.scc").Cues.Select(c => c.TextLines));
    }

    [Fact]
    public void The_fixture_written_on_cc2_is_its_cc1_output_with_the_channel_bit_on_every_control_code()
    {
        var document = CaptionReader.Parse(SccRoundTripTests.Fixture, "news.scc");
        var media = SccRoundTripTests.Aligned(document, document.Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToArray());
        string Written(int channel)
        {
            using var w = new StringWriter();
            SccWriter.Write(w, media, SubtitleOptions.Default with { SccChannel = channel });
            return w.ToString();
        }
        var cc1 = Written(1).Split('\n');
        var cc2 = Written(2).Split('\n');
        Assert.Equal(cc1.Length, cc2.Length);
        var controlPairs = 0;
        for (var i = 0; i < cc1.Length; i++)
        {
            var a = cc1[i].Split([' ', '\t']);
            var b = cc2[i].Split([' ', '\t']);
            Assert.Equal(a.Length, b.Length);
            if (!char.IsDigit(cc1[i].FirstOrDefault()))
            {
                Assert.Equal(cc1[i], cc2[i]);
                continue;
            }
            Assert.Equal(a[0], b[0]); // the same timecodes
            for (var k = 1; k < a.Length; k++)
            {
                var first = Convert.ToByte(a[k][..2], 16) & 0x7F;
                var expected = first is >= 0x10 and <= 0x17
                    ? Cea608.WithParity((byte)(first | 0x08)).ToString("x2") + a[k][2..]
                    : a[k];
                controlPairs += first is >= 0x10 and <= 0x17 ? 1 : 0;
                Assert.Equal(expected, b[k]);
            }
        }
        Assert.True(controlPairs > 20);
        // read back, CC2 gives what CC1 gives of the CC1 output (every cue written pop-on), and the fixture's text and frames
        var back = CaptionReader.Parse(Written(2), "news.scc", sccChannel: 2);
        var onCc1 = CaptionReader.Parse(Written(1), "news.scc");
        Assert.Equal(document.Cues.Select(c => c.TextLines), back.Cues.Select(c => c.TextLines));
        Assert.Equal(onCc1.Cues.Select(c => c.Settings), back.Cues.Select(c => c.Settings));
        Assert.Equal(Frames(onCc1), Frames(back));
        Assert.Equal(Frames(document), Frames(back));
    }

    [Theory]
    [InlineData("CC1", 1)]
    [InlineData("cc2", 2)]
    [InlineData("2", 2)]
    [InlineData("CC3", null)]
    [InlineData("left", null)]
    public void Channel_names(string name, int? channel) => Assert.Equal(channel, SccReader.ParseChannel(name));

    private static MediaAlignment WithWords(CaptionDocument document, params (double Start, double End, (string Word, double Start, double End)[] Words)[] lines) =>
        new("news", "news.wav", 60, document.Lines.Select((l, i) => new AlignedSegment(l.Index, l.Text, l.Text.ToLowerInvariant(),
            lines[i].Start, lines[i].End, -0.5, SegmentStatus.Aligned, lines[i].Words.Select(w => new AlignedWord(w.Word, w.Start, w.End, 0.9)).ToList())).ToList())
        {
            CaptionsName = document.Source, CaptionsText = document.Text,
        };

    [Fact]
    public void A_roll_up_cue_is_sent_as_hand_computed_pairs()
    {
        // "Hi" due on frame 30 (1.0 s): RU2 RU2 (0x14 0x25: 94 25), PAC row 15 column 0 (94 70), then 'H' 'i' (c8 e9)
        // from frame 26; EDM (94 2c) on the end frame 60 (2.0 s, rounded to 59.94 -> 60)
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "hi.srt");
        using var written = new StringWriter();
        var report = SccWriter.Write(written, WithWords(srt, (1.0, 2.0, [("Hi", 1.0, 1.5)])), SubtitleOptions.Default with { SccRollUpRows = 2 });
        Assert.Equal("Scenarist_SCC V1.0\n\n00:00:00;26\t9425 9425 9470 9470 c8e9\n\n00:00:02;00\t942c 942c\n\n", written.ToString());
        Assert.Empty(report.Notes);
    }

    [Theory]
    [InlineData(2, "9425")]
    [InlineData(3, "9426")]
    [InlineData(4, "94a7")]
    public void Roll_up_rows_start_on_their_first_words_and_roll_until_the_next_row_or_the_erase(int depth, string code)
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:04,000\n<i>The weather</i> today is dry\nacross the whole country\n\n"
            + "2\n00:00:04,000 --> 00:00:06,000\nRain by Friday\n\n"
            + "3\n00:00:09,000 --> 00:00:10,000\n♪ Música ♪\n", "w.srt");
        var media = WithWords(srt,
            (1.0, 4.0, [("The", 1.0, 1.2), ("weather", 1.2, 1.6), ("today", 1.6, 1.9), ("is", 1.9, 2.0), ("dry", 2.0, 2.2),
                ("across", 2.8, 3.0), ("the", 3.0, 3.1), ("whole", 3.1, 3.3), ("country", 3.5, 3.9)]),
            (4.2, 6.0, [("Rain", 4.2, 4.5), ("by", 4.5, 4.6), ("Friday", 4.6, 5.0)]),
            (9.0, 10.0, [("Música", 9.2, 9.8)]));
        using var written = new StringWriter();
        var report = SccWriter.Write(written, media, SubtitleOptions.Default with { SccRollUpRows = depth });
        Assert.Empty(report.Notes);
        var text = written.ToString();
        Assert.Contains($"{code} {code}", text);
        Assert.Contains("94ad 94ad", text); // carriage returns roll the rows

        var again = CaptionReader.Parse(text, "again.scc");
        Assert.All(again.Cues, c => Assert.Equal("roll-up r15c0", c.Settings));
        Assert.Equal(["<i>The weather</i> today is dry", "across the whole country", "Rain by Friday", "♪ Música ♪"],
            again.Cues.Select(c => c.TextLines.Single()));
        // each row's first character on its first word's frame (row 1: the cue's start; "Rain": the line's start, 4.2 s)
        Assert.Equal([NtscTimecode.FrameAt(1.0), NtscTimecode.FrameAt(2.8), NtscTimecode.FrameAt(4.2), NtscTimecode.FrameAt(9.0)],
            again.Cues.Select(c => NtscTimecode.FrameAt(c.Start!.Value)));
        // a row shows until the CR before the next row (2 pairs before that row's first character, after its PAC), the
        // last row of a cue with a gap after it until the cue's end (EDM; the next cue starts with the roll-up code again)
        Assert.Equal(NtscTimecode.FrameAt(2.8) - 4, NtscTimecode.FrameAt(again.Cues[0].End!.Value));
        Assert.Equal(NtscTimecode.FrameAt(4.0), NtscTimecode.FrameAt(again.Cues[1].End!.Value)); // "Rain" (4.2 s) is more than 2 frames after it
        Assert.Equal(NtscTimecode.FrameAt(6.0), NtscTimecode.FrameAt(again.Cues[2].End!.Value));
        Assert.Equal(NtscTimecode.FrameAt(10.0), NtscTimecode.FrameAt(again.Cues[3].End!.Value));
        Assert.Empty(again.Warnings);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_cue_placed_at_the_top_rolls_up_at_the_top_and_the_next_at_the_bottom_again(int depth)
    {
        // {\an8}: a caption moved up, over lower-third graphics; roll-up puts its base row at 1 + depth (the window
        // starts on row 2, as a pop-on caption at the top does), the next cue, not placed, goes back to row 15
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:03,000\n{\\an8}Graphics below\n\n"
            + "2\n00:00:03,000 --> 00:00:05,000\nBack at the bottom\n", "top.srt");
        var media = WithWords(srt, (1.0, 3.0, [("Graphics", 1.0, 1.5), ("below", 1.5, 2.0)]),
            (3.0, 5.0, [("Back", 3.0, 3.3), ("at", 3.3, 3.4), ("the", 3.4, 3.5), ("bottom", 3.5, 4.0)]));
        using var written = new StringWriter();
        SccWriter.Write(written, media, SubtitleOptions.Default with { SccRollUpRows = depth });
        var again = CaptionReader.Parse(written.ToString(), "again.scc");
        Assert.Equal([$"roll-up r{depth + 1}c0", "roll-up r15c0"], again.Cues.Select(c => c.Settings));
        Assert.Equal(["Graphics below", "Back at the bottom"], again.Cues.Select(c => c.TextLines.Single()));
        // the SCC written is placed the same when it is re-timed in its turn: its first cue's row is in the top half
        Assert.True(CaptionPlacement.AtTop(again.Cues[0], CaptionFileKind.Scc));
        Assert.False(CaptionPlacement.AtTop(again.Cues[1], CaptionFileKind.Scc));
    }

    [Theory]
    [InlineData("line:0", true)]
    [InlineData("line:6 align:start", true)]
    [InlineData("align:center line:10%", true)]
    [InlineData("line:49.5%,start", true)]
    [InlineData("line:7", false)]
    [InlineData("line:-1", false)]
    [InlineData("line:85%", false)]
    [InlineData("align:center", false)]
    [InlineData("", false)]
    public void A_webvtt_cue_is_at_the_top_when_its_line_setting_is_in_the_top_half(string settings, bool top)
    {
        var vtt = CaptionReader.Parse($"WEBVTT\n\n00:00:01.000 --> 00:00:02.000 {settings}\nHello\n", "t.vtt");
        Assert.Equal(top, CaptionPlacement.AtTop(vtt.Cues[0], CaptionFileKind.Vtt));
    }

    [Fact]
    public void Roll_up_without_word_times_spreads_the_rows_over_the_cue_and_rows_too_close_are_reported()
    {
        var srt = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:03,000\nabcdefghij abcdefghij abcdefghij\nabcdefghij abcdefghij abcdefghij\n\n"
            + "2\n00:00:03,000 --> 00:00:03,100\nA caption that cannot be sent\n", "s.srt");
        using var written = new StringWriter();
        var report = SccWriter.Write(written, SccRoundTripTests.Aligned(srt, [(1.0, 2.6), (2.4, 2.5)]), SubtitleOptions.Default with { SccRollUpRows = 3 });
        var again = CaptionReader.Parse(written.ToString(), "again.scc");
        Assert.Equal(3, again.Cues.Count);
        Assert.Equal(NtscTimecode.FrameAt(1.0), NtscTimecode.FrameAt(again.Cues[0].Start!.Value));
        Assert.Equal(NtscTimecode.FrameAt(1.8), NtscTimecode.FrameAt(again.Cues[1].Start!.Value)); // half the characters before it
        // row 2 is sent until 16 frames after 1.8 s: cue 2's row (CR, PAC, text) cannot start on 2.4 s
        Assert.Equal(NtscTimecode.FrameAt(1.8) + 16 + 4, NtscTimecode.FrameAt(again.Cues[2].Start!.Value));
        Assert.Contains("1 cue has rows that start late", report.Describe());
    }

    [Fact]
    public void Roll_up_keeps_non_drop_timecodes_and_styling_of_scc_captions()
    {
        var document = CaptionReader.Parse(SccRoundTripTests.Fixture.Replace(";", ":"), "nd.scc");
        using var written = new StringWriter();
        SccWriter.Write(written, SccRoundTripTests.Aligned(document, [(2.0, 3.5), (5.0, 6.0), (7.0, 8.0), (9.0, 10.0), (20.0, 22.0)]),
            SubtitleOptions.Default with { SccRollUpRows = 4 });
        Assert.DoesNotContain(";", written.ToString());
        var again = CaptionReader.Parse(written.ToString(), "again.scc");
        Assert.Equal(document.Cues.SelectMany(c => c.TextLines), again.Cues.SelectMany(c => c.TextLines));
    }

    [Theory]
    [InlineData("pop-on", true, null)]
    [InlineData("roll-up", true, 2)]
    [InlineData("Roll-Up3", true, 3)]
    [InlineData("roll-up4", true, 4)]
    [InlineData("roll-up5", false, null)]
    public void Scc_modes(string mode, bool known, int? rows)
    {
        Assert.Equal(known, SubtitleOptions.TryParseSccMode(mode, out var parsed));
        Assert.Equal(rows, parsed);
    }
}
