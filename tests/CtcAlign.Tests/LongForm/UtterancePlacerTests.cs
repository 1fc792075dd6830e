using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class UtterancePlacerTests
{
    private static TextChunk Chunk(int line, string text) => new(line, 0, 1, LetterModel.Tokenize(text));

    private static int Frame(double seconds) => (int)Math.Round(seconds / SyntheticBroadcast.FrameSeconds);

    private static ChunkPlacement[] Place(EmissionMatrix window, TextChunk[] chunks, UtteranceSpan[] spans, IpfaOptions options) =>
        UtterancePlacer.Place(window, chunks, spans, new CtcUtteranceSegmenter(LetterModel.Blank), new ViterbiWordAligner(LetterModel.Blank), options);

    /// <summary>
    /// Line 0 is said, line 2 right after it; line 1 was never said. The segmenter had to put line 1 before line 2 and,
    /// with no room between lines 0 and 2, put both in the silence after line 2's speech (as ctc-segmentation does
    /// when the start of its window is skipped for free).
    /// </summary>
    private static (EmissionMatrix Window, TextChunk[] Chunks, UtteranceSpan[] Spans, SyntheticBroadcast.PlantedLine Line2) Scenario()
    {
        var broadcast = new SyntheticBroadcast();
        var end0 = broadcast.Say("good evening everyone", 0.2);
        broadcast.Say("heavy rain today", end0 + 0.1);
        var window = broadcast.Build(9.0);
        var chunks = new[] { Chunk(0, "good evening everyone"), Chunk(1, "xylophone quartets juggle"), Chunk(2, "heavy rain today") };
        var spans = new[]
        {
            new UtteranceSpan(Frame(0.2), Frame(end0), -0.5),
            new UtteranceSpan(Frame(5.0), Frame(6.2), -3.0),
            new UtteranceSpan(Frame(6.4), Frame(7.4), -3.0),
        };
        return (window, chunks, spans, broadcast.Truth[1]);
    }

    [Fact]
    public void A_line_pushed_off_its_speech_by_text_never_said_looks_back_over_it_and_stays_low_confidence()
    {
        var (window, chunks, spans, truth) = Scenario();
        var placed = Place(window, chunks, spans, new IpfaOptions());
        Assert.InRange(placed[2].Words[0].Start, truth.Start - 0.1, truth.Start + 0.1);
        Assert.InRange(placed[2].Words[^1].End, truth.End - 0.1, truth.End + 0.1);
        Assert.NotNull(placed[2].Caveat);

        var segments = LineAssembler.Assemble(
            chunks.Select((c, i) => new CtcAlign.Formats.CaptionLine(i, c.Text.NormalizedText)).ToArray(),
            chunks.Select(c => (IReadOnlyList<TextChunk>)[c]).ToArray(),
            placed.ToDictionary(p => (p.LineIndex, p.ChunkIndex)), new Dictionary<int, string>(), new IpfaOptions(), checkTiming: true);
        Assert.Equal(SegmentStatus.LowConfidence, segments[2].Status);
        Assert.Contains("placed after text that was not heard", segments[2].StatusReason);

        // Without the look-back the line stays where the segmenter put it, far from its speech.
        var stayed = Place(window, chunks, spans, new IpfaOptions { RelocateUnheardChunks = false });
        Assert.True(stayed[2].Words.Count == 0 || stayed[2].Words[0].Start > truth.End + 1, $"starts at {stayed[2].Words.FirstOrDefault()?.Start}");
    }

    [Fact]
    public void The_look_back_never_lands_on_the_words_of_an_earlier_line()
    {
        // Here line 1 ("heavy rain today" again, said once) keeps the only speech: line 2 must not move over its words.
        var broadcast = new SyntheticBroadcast();
        var end0 = broadcast.Say("good evening everyone", 0.2);
        broadcast.Say("heavy rain today", end0 + 0.1);
        var window = broadcast.Build(9.0);
        var chunks = new[] { Chunk(0, "good evening everyone"), Chunk(1, "heavy rain today"), Chunk(2, "heavy rain today") };
        var spans = new[]
        {
            new UtteranceSpan(Frame(0.2), Frame(end0), -0.5),
            new UtteranceSpan(Frame(end0 + 0.1), Frame(end0 + 1.2), -3.0),
            new UtteranceSpan(Frame(6.4), Frame(7.4), -3.0),
        };
        var placed = Place(window, chunks, spans, new IpfaOptions { MinWordScore = -0.01 }); // line 1 fails the check: untrusted
        Assert.Null(placed[2].Caveat);
        Assert.True(placed[2].Words.Count == 0 || placed[2].Words[0].Start >= placed[1].Words[^1].End);
    }

    [Fact]
    public void A_line_drawn_onto_uncaptioned_speech_after_the_anchor_looks_forward_to_its_own()
    {
        // Line 0 is said, then speech nobody captioned, then (after a pause) line 1 and line 2. The segmenter put
        // line 1 on the uncaptioned speech; line 2 is placed well.
        var broadcast = new SyntheticBroadcast();
        var end0 = broadcast.Say("good evening everyone", 0.2);
        var endUncaptioned = broadcast.Say("police closed the bridge", end0 + 0.3);
        var end1 = broadcast.Say("heavy rain today", endUncaptioned + 1.2);
        var start2 = end1 + 1.5;
        var end2 = broadcast.Say("schools stay open", start2);
        var window = broadcast.Build(end2 + 1.0);
        var truth = broadcast.Truth[2];
        var chunks = new[] { Chunk(0, "good evening everyone"), Chunk(1, "heavy rain today"), Chunk(2, "schools stay open") };
        var spans = new[]
        {
            new UtteranceSpan(Frame(0.2), Frame(end0), -0.5),
            new UtteranceSpan(Frame(end0 + 0.3), Frame(endUncaptioned), -2.5),
            new UtteranceSpan(Frame(start2), Frame(end2), -0.5),
        };
        var placed = Place(window, chunks, spans, new IpfaOptions());
        Assert.InRange(placed[1].Words[0].Start, truth.Start - 0.1, truth.Start + 0.1);
        Assert.InRange(placed[1].Words[^1].End, truth.End - 0.1, truth.End + 0.1);
        Assert.Equal("not heard where ctc-segmentation put it; placed further on", placed[1].Caveat);
        Assert.Null(placed[2].Caveat);

        var stayed = Place(window, chunks, spans, new IpfaOptions { RelocateUnheardChunks = false });
        Assert.True(stayed[1].Words[^1].End < truth.Start, $"ends at {stayed[1].Words[^1].End}");
    }

    [Theory]
    [InlineData("so true", true)]
    [InlineData("the committee will publish its report", false)]
    public void A_line_not_heard_takes_back_its_speech_from_a_short_line_placed_on_it(string nextText, bool short_)
    {
        // Line 0 is said, then speech nobody captioned, then line 1. Line 2 was never said. The segmenter put line 1 on
        // the uncaptioned speech and line 2 (with a good score) on line 1's own speech; line 3 is placed well.
        var broadcast = new SyntheticBroadcast();
        var end0 = broadcast.Say("good evening everyone", 0.2);
        var endUncaptioned = broadcast.Say("police closed the bridge", end0 + 0.3);
        var end1 = broadcast.Say("heavy rain today", endUncaptioned + 0.2);
        var start3 = end1 + 1.5;
        var end3 = broadcast.Say("schools stay open", start3);
        var window = broadcast.Build(end3 + 1.0);
        var truth = broadcast.Truth[2];
        var chunks = new[] { Chunk(0, "good evening everyone"), Chunk(1, "heavy rain today"), Chunk(2, nextText), Chunk(3, "schools stay open") };
        var spans = new[]
        {
            new UtteranceSpan(Frame(0.2), Frame(end0), -0.5),
            new UtteranceSpan(Frame(end0 + 0.3), Frame(endUncaptioned), -2.5),
            new UtteranceSpan(Frame(endUncaptioned + 0.2), Frame(end1), -0.9),
            new UtteranceSpan(Frame(start3), Frame(end3), -0.5),
        };

        var placed = Place(window, chunks, spans, new IpfaOptions());

        if (short_)
        {
            Assert.InRange(placed[1].Words[0].Start, truth.Start - 0.1, truth.Start + 0.1);
            Assert.InRange(placed[1].Words[^1].End, truth.End - 0.1, truth.End + 0.1);
            Assert.Equal("not heard where ctc-segmentation put it; placed further on", placed[1].Caveat);
            Assert.True(placed[2].Words.Count == 0 || placed[2].Words[0].Start >= placed[1].Words[^1].End - 1e-9,
                $"line 2 starts at {placed[2].Words.FirstOrDefault()?.Start}, line 1 ends at {placed[1].Words[^1].End}");
        }
        else
        {
            // A line of 30 characters or more can anchor: its span is not searched, so line 1 stays where it was put.
            Assert.True(placed[1].Words[^1].End < truth.Start, $"ends at {placed[1].Words[^1].End}");
        }
        Assert.Null(placed[3].Caveat);
    }
}
