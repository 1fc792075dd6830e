using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using CtcAlign.Tests.LongForm;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.Pipeline;

public sealed class CaptionEmissionAlignerTests
{
    private static MediaAlignment Align(EmissionMatrix all, IReadOnlyList<CaptionLine> captions, AlignerSettings settings) =>
        new CaptionEmissionAligner(LetterModel.Vocabulary, settings)
            .AlignAsync(new MediaJob("m", "/media/m.wav", captions), SyntheticBroadcast.Stream(all, 250), all.DurationSeconds, CancellationToken.None)
            .GetAwaiter().GetResult();

    [Theory]
    [InlineData(AlignerKind.Ipfa)]
    [InlineData(AlignerKind.Global)]
    public void Places_lines_with_word_times_and_measures_caption_wer(AlignerKind kind)
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(5), 2.0, 0.6);
        var captions = Captions(broadcast.Truth);
        // Line 2's caption says two words the speaker did not say ("Police closed the bridge" -> "Police opened the gate").
        captions[2] = captions[2] with { Text = "Police opened the gate after the river rose above its banks." };
        var result = Align(broadcast.Build(end + 1), captions, new AlignerSettings { Aligner = kind });

        Assert.Equal(("m", "/media/m.wav", 5), (result.Id, result.AudioPath, result.Segments.Count));
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            AssertPlaced(result.Segments[i], broadcast.Truth[i], tolerance: 0.1);
            Assert.Equal(0.0, result.Segments[i].CaptionWer);
            Assert.Equal(captions[i].Text.Split(' '), result.Segments[i].Words.Select(w => w.Word));
        }
        var changed = result.Segments[2];
        Assert.Equal(2.0 / 11, changed.CaptionWer!.Value, 6);
        Assert.All(result.Segments, s => Assert.Null(s.RerankNote));
    }

    [Fact]
    public void Caption_wer_can_be_switched_off()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(2), 1.0, 0.6);
        var result = Align(broadcast.Build(end + 1), Captions(broadcast.Truth), new AlignerSettings { CaptionWer = false });

        Assert.All(result.Segments, s => Assert.Equal((SegmentStatus.Aligned, (double?)null), (s.Status, s.CaptionWer)));
    }

    [Fact]
    public void Latency_reranking_moves_onsets_earlier_within_the_guard_and_notes_it()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(3), 1.0, 0.6);
        var emissions = broadcast.Build(end + 1);
        var captions = Captions(broadcast.Truth);
        var plain = Align(emissions, captions, new AlignerSettings { CaptionWer = false });

        // Make the frame before each word of line 1 nearly as likely to be the word's first letter as blank: moving the
        // onset one frame earlier then costs ln(0.48 / 0.5) = -0.04 nats, inside the 1-nat guard; Viterbi keeps blank there.
        var line = plain.Segments[1];
        foreach (var word in line.Words)
        {
            var onset = (int)Math.Round(word.Start / SyntheticBroadcast.FrameSeconds) + new AlignerSettings().WordBoundaries.StartEarlyFrames;
            var letter = LetterModel.TokenOf(char.ToLowerInvariant(word.Word[0]));
            var row = (onset - 1) * emissions.VocabularySize;
            emissions.LogProbs[row + letter] = MathF.Log(0.48f);
            emissions.LogProbs[row + LetterModel.Blank] = MathF.Log(0.5f);
        }
        var again = Align(emissions, captions, new AlignerSettings { CaptionWer = false });
        var reranked = Align(emissions, captions, new AlignerSettings { CaptionWer = false, Awp = AwpProperty.Latency });

        Assert.Equal(again.Segments[1].Words.Select(w => w.Start), line.Words.Select(w => w.Start));
        Assert.Equal(line.Words.Select(w => Math.Round(w.Start - SyntheticBroadcast.FrameSeconds, 6)),
            reranked.Segments[1].Words.Select(w => Math.Round(w.Start, 6)));
        Assert.Equal($"{line.Words.Count} onsets moved earlier by 20 ms, mean 20 ms, {(line.Words.Count * Math.Log(0.48 / 0.5)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} nats",
            reranked.Segments[1].RerankNote);
        Assert.StartsWith("unchanged (", reranked.Segments[0].RerankNote);
        Assert.Equal(again.Segments[0].Words, reranked.Segments[0].Words);
        Assert.True(reranked.Segments[1].Start >= reranked.Segments[0].End);
    }

    [Fact]
    public void The_threshold_sets_the_status_without_moving_any_line()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(4), 1.0, 0.6);
        var emissions = broadcast.Build(end + 1);
        var captions = Captions(broadcast.Truth);
        var normal = Align(emissions, captions, new AlignerSettings());
        var strict = Align(emissions, captions, new AlignerSettings(Threshold: -0.0001));

        Assert.Equal(normal.Segments.Select(s => (s.Start, s.End, s.Rho)), strict.Segments.Select(s => (s.Start, s.End, s.Rho)));
        Assert.All(normal.Segments, s => Assert.Equal(SegmentStatus.Aligned, s.Status));
        Assert.All(strict.Segments, s =>
        {
            Assert.Equal(SegmentStatus.LowConfidence, s.Status);
            Assert.StartsWith($"rho {s.Rho:0.00} below the threshold -0", s.StatusReason);
        });
    }

    [Fact]
    public void Emissions_of_another_vocabulary_are_a_clear_error()
    {
        var other = new EmissionMatrix(new float[100 * 5], 100, 5, 0.02);
        var aligner = new CaptionEmissionAligner(LetterModel.Vocabulary);
        var ex = Assert.Throws<CtcAlignException>(() => aligner.AlignAsync(new MediaJob("m", "m.wav", [new CaptionLine(0, "hello")]),
            SyntheticBroadcast.Stream(other, 50), null, CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal("the emissions have 5 columns but the vocabulary has 29 tokens (model and vocabulary do not match)", ex.Message);
    }
}
