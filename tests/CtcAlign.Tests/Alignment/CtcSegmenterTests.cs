using CtcAlign.Alignment;

namespace CtcAlign.Tests.Alignment;

public class CtcSegmenterTests
{
    private const int Vocab = 12;
    private const int Blank = PlantedEmissions.Blank;

    /// <summary>Preamble of untranscribed speech, silences, music, five spoken lines; line 2 of the text is never said.</summary>
    private static (EmissionMatrix Emissions, int[][] Text, int[]?[] Peaks) Scenario(int seed, bool musicBetween = true)
    {
        var p = new PlantedEmissions(Vocab, seed);
        var text = Enumerable.Range(0, 6).Select(i => p.RandomTokens(20 + 7 * i)).ToArray();
        var peaks = new int[]?[6];
        p.Untranscribed(400);
        p.Silence(30);
        for (var i = 0; i < 6; i++)
        {
            if (i == 2)
                continue; // in the captions, not in the audio
            peaks[i] = p.Say(text[i]);
            if (musicBetween && i == 3)
                p.Music(500);
            p.Silence(40 + 20 * i);
        }
        return (p.Build(), text, peaks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Recovers_planted_utterances_and_flags_the_absent_one(int seed)
    {
        var (e, text, peaks) = Scenario(seed);
        var r = CtcSegmenter.Segment(e, text, Blank);
        for (var i = 0; i < text.Length; i++)
        {
            var u = r.Utterances[i];
            if (peaks[i] is not { } planted)
            {
                Assert.True(u.Rho < -2, $"absent utterance rho {u.Rho}");
                continue;
            }
            Assert.Equal(planted, u.TokenStartFrames);
            Assert.True(u.Rho > -1, $"utterance {i} rho {u.Rho}");
            var first = planted[0] * e.FrameSeconds;
            var last = planted[^1] * e.FrameSeconds;
            Assert.InRange(u.StartSeconds, first - 0.5 - 1e-9, first);
            Assert.InRange(u.EndSeconds, last, last + 0.5 + 1e-9);
        }
    }

    [Fact]
    public void Boundaries_follow_the_reference_rule()
    {
        var (e, text, _) = Scenario(4);
        var r = CtcSegmenter.Segment(e, text, Blank);
        var entries = r.ColumnEntryFrames;
        var begin = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var end = begin + 1 + text[i].Length;
            var u = r.Utterances[i];
            var expectedStart = Math.Max(entries[begin + 1] * 0.02 - 0.5, (entries[begin] + entries[begin - 1]) * 0.02 / 2);
            var expectedEnd = Math.Min(entries[end - 1] * 0.02 + 0.5, (entries[end] + entries[end - 1]) * 0.02 / 2);
            Assert.Equal(expectedStart, u.StartSeconds, 9);
            Assert.Equal(expectedEnd, u.EndSeconds, 9);
            Assert.Equal((int)Math.Round(expectedStart / 0.02), u.StartFrame);
            Assert.Equal(CtcSegmenter.Rho(r.FrameLogProbs, u.StartFrame, u.EndFrame), u.Rho);
            begin = end;
        }
    }

    [Fact]
    public void Rho_is_the_worst_30_frame_mean_as_in_the_reference()
    {
        var c = Enumerable.Repeat(-0.1f, 40).ToArray();
        for (var t = 35; t < 40; t++)
            c[t] = -3f;
        // Window starts 0..9 (the reference stops before end - L): the worst, at 9, holds 26 x -0.1 and 4 x -3.
        Assert.Equal((26 * -0.1 + 4 * -3.0) / 30, CtcSegmenter.Rho(c, 0, 40), 5);
        Assert.Equal((5 * -0.1 + 5 * -3.0) / 10, CtcSegmenter.Rho(c, 30, 40), 5);
        Assert.Equal(0.0, CtcSegmenter.Rho(Enumerable.Repeat(0.5f, 40).ToArray(), 0, 40));
        Assert.Equal(-1e10, CtcSegmenter.Rho(c, 20, 20));
    }

    [Fact]
    public void A_window_where_no_path_fits_is_doubled()
    {
        // Token 5 is impossible (log 0) before frame 1000 and said at 1030: every window that ends before frame
        // 1000 leaves its column unreachable, so W doubles 100, 200, 400, 800, then covers all 1100 frames.
        var p = new PlantedEmissions(Vocab, 5);
        p.Silence(1030);
        var peaks = p.Say([5]);
        p.Silence(1100 - p.Frames);
        var e = p.Build();
        for (var t = 0; t < 1000; t++)
            e.LogProbs[t * Vocab + 5] = float.NegativeInfinity;
        var r = CtcSegmenter.Segment(e, [[5]], Blank, new CtcSegmentationOptions { MinWindowFrames = 100 });
        Assert.Equal(1100, r.WindowFrames);
        Assert.Equal(peaks, r.Utterances[0].TokenStartFrames);
        var ex = Assert.Throws<AlignmentException>(() =>
            CtcSegmenter.Segment(e, [[5]], Blank, new CtcSegmentationOptions { MinWindowFrames = 100, MaxWindowFrames = 500 }));
        Assert.Equal("No segmentation path found with a window of 400 frames (maximum 500); the text may not match the audio.", ex.Message);
    }

    [Fact]
    public void Too_much_text_for_the_audio_is_a_clear_error()
    {
        var p = new PlantedEmissions(Vocab, 1);
        p.Silence(50);
        var ex = Assert.Throws<AlignmentException>(() => CtcSegmenter.Segment(p.Build(), [p.RandomTokens(30), p.RandomTokens(20)], Blank));
        Assert.Equal("Text needs at least 54 frames (50 tokens in 2 utterances + 4 boundary columns), audio has 50.", ex.Message);
    }

    [Fact]
    public void Empty_utterances_are_rejected()
    {
        var p = new PlantedEmissions(Vocab, 1);
        p.Silence(50);
        var ex = Assert.Throws<ArgumentException>(() => CtcSegmenter.Segment(p.Build(), [[1, 2], []], Blank));
        Assert.StartsWith("Utterance 1 has no tokens", ex.Message);
    }

    [Fact]
    public void Star_token_absorbs_untranscribed_speech_between_lines()
    {
        var p = new PlantedEmissions(Vocab, 9);
        var text = Enumerable.Range(0, 3).Select(_ => p.RandomTokens(30)).ToArray();
        p.Silence(20);
        var peaks0 = p.Say(text[0]);
        p.Untranscribed(300);
        var peaks1 = p.Say(text[1]);
        p.Silence(30);
        var peaks2 = p.Say(text[2]);
        p.Silence(20);
        var e = p.Build();
        var plain = CtcSegmenter.Segment(e, text, Blank);
        var star = CtcSegmenter.Segment(e, text, Blank, new CtcSegmentationOptions { StarLogProb = 0f });
        Assert.Equal(peaks0, star.Utterances[0].TokenStartFrames);
        Assert.Equal(peaks1, star.Utterances[1].TokenStartFrames);
        Assert.Equal(peaks2, star.Utterances[2].TokenStartFrames);
        Assert.All(star.Utterances, u => Assert.True(u.Rho > -1, $"rho with star {u.Rho}"));
        // Without the star, skipping line 0 and the unsaid speech in the free preamble and squeezing line 0 in
        // just before line 1 is cheaper than paying blank for 300 frames of speech: line 0 is misplaced.
        Assert.NotEqual(peaks0, plain.Utterances[0].TokenStartFrames);
        Assert.True(plain.Utterances[0].TokenStartFrames[0] > peaks0[^1]);
        Assert.True(plain.Utterances[0].Rho < star.Utterances[0].Rho - 1, $"plain rho {plain.Utterances[0].Rho}, star {star.Utterances[0].Rho}");
        Assert.Equal(peaks2, plain.Utterances[2].TokenStartFrames);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Star_before_the_first_line_keeps_it_on_its_speech_across_a_pause(int seed)
    {
        // Line 0 is said at the window's start, then music, then line 1. With a free start the path skips line 0's
        // speech for nothing and squeezes line 0 into the music next to line 1 (a few unlikely tokens cost less than
        // the music between the lines); charged like the gap between lines, line 0 stays on its speech. (The tail after
        // the last line stays free: IPFA checks the window's last line before it anchors on it.)
        var p = new PlantedEmissions(Vocab, seed);
        var text = Enumerable.Range(0, 2).Select(_ => p.RandomTokens(8)).ToArray();
        p.Silence(5);
        var peaks0 = p.Say(text[0]);
        p.Music(250);
        var peaks1 = p.Say(text[1]);
        p.Silence(20);
        var e = p.Build();
        var free = CtcSegmenter.Segment(e, text, Blank, new CtcSegmentationOptions { StarLogProb = -1f });
        var charged = CtcSegmenter.Segment(e, text, Blank, new CtcSegmentationOptions { StarLogProb = -1f, StarBeforeFirst = true });
        Assert.Equal(peaks0, charged.Utterances[0].TokenStartFrames);
        Assert.True(free.Utterances[0].TokenStartFrames[0] > peaks0[^1], "with a free start line 0 leaves its speech");
        Assert.Equal(peaks1, free.Utterances[1].TokenStartFrames);
        // Without a star the option changes nothing (the reference).
        var reference = CtcSegmenter.Segment(e, text, Blank);
        var referenceCharged = CtcSegmenter.Segment(e, text, Blank, new CtcSegmentationOptions { StarBeforeFirst = true });
        Assert.Equal(reference.Utterances[0].TokenStartFrames, referenceCharged.Utterances[0].TokenStartFrames);
        Assert.Equal(reference.Utterances[1].TokenStartFrames, referenceCharged.Utterances[1].TokenStartFrames);
    }
}
