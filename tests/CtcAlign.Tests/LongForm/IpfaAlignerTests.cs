using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.LongForm;

/// <summary>IPFA on the reference test segmenter and word aligner (the algorithm's own behaviour).</summary>
public sealed class IpfaAlignerTests : IpfaAlignerScenarios
{
    protected override bool RealCore => false;
}

/// <summary>The same scenarios on the real core the align verb uses (CtcSegmenter, ViterbiAligner + boundary refiner, TextNormalizer).</summary>
public sealed class IpfaAlignerRealCoreTests : IpfaAlignerScenarios
{
    protected override bool RealCore => true;
}

public abstract class IpfaAlignerScenarios
{
    protected abstract bool RealCore { get; }

    private IpfaAligner Ipfa(IpfaOptions? options = null) => RealCore ? RealIpfa(options) : LongFormHarness.Ipfa(options);

    private LongFormResult RunIpfa(SyntheticBroadcast broadcast, double seconds, IReadOnlyList<CaptionLine> captions,
        IpfaOptions? options = null, int blockFrames = 250) =>
        LongFormHarness.RunIpfa(broadcast, seconds, captions, options, blockFrames, RealCore);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Places_every_line_of_a_clean_broadcast_with_or_without_hints(bool hints)
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(10), startSeconds: 3.0, gapSeconds: 0.6);
        var result = RunIpfa(broadcast, end + 2, Captions(broadcast.Truth, hints: hints));

        Assert.Equal(10, result.Segments.Count);
        for (var i = 0; i < 10; i++)
            AssertPlaced(result.Segments[i], broadcast.Truth[i], tolerance: 0.06);
        Assert.All(result.Segments, s => Assert.True(s.Rho > -1.0, $"line {s.Index} rho {s.Rho}"));
    }

    [Fact]
    public void Word_times_come_from_the_word_aligner_with_the_caption_spelling()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(3), 1.0, 0.5);
        var result = RunIpfa(broadcast, end + 1, Captions(broadcast.Truth));

        var first = result.Segments[0];
        Assert.Equal(["Good", "evening", "and", "welcome", "to", "the", "late", "news", "on", "channel", "four."], first.Words.Select(w => w.Word));
        Assert.Equal(first.Start, first.Words[0].Start);
        Assert.Equal(first.End, first.Words[^1].End);
        Assert.Equal("good evening and welcome to the late news on channel four", first.NormalizedText);
        Assert.Equal(broadcast.Truth[0].Start + 0, first.HintStart);
    }

    [Fact]
    public void Speech_missing_from_the_captions_stays_outside_both_neighbours()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(12), 2.0, 0.5);
        var dropped = new HashSet<int> { 3, 4, 8 };
        var kept = broadcast.Truth.Where((_, i) => !dropped.Contains(i)).ToList();
        var result = RunIpfa(broadcast, end + 1, Captions(kept));

        for (var i = 0; i < kept.Count; i++)
            AssertPlaced(result.Segments[i], kept[i], tolerance: 0.1);
    }

    [Fact]
    public void Speech_missing_from_captions_without_hints_stays_outside_both_neighbours()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(12), 2.0, 0.5);
        var kept = broadcast.Truth.Where((_, i) => i is not (2 or 7)).ToList();
        var result = RunIpfa(broadcast, end + 1, Captions(kept, hints: false));

        for (var i = 0; i < kept.Count; i++)
            AssertPlaced(result.Segments[i], kept[i], tolerance: 0.1);
    }

    [Fact]
    public void Captions_never_spoken_are_not_accepted_and_their_neighbours_are_still_placed()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(8), 2.0, 0.7);
        var captions = new List<CaptionLine>();
        var truthOf = new Dictionary<int, SyntheticBroadcast.PlantedLine>();
        for (var i = 0; i < 8; i++)
        {
            if (i is 3 or 6)
            {
                var t = broadcast.Truth[i].Start - 0.5;
                captions.Add(new CaptionLine(captions.Count, NeverSpoken[i == 3 ? 0 : 1], t - 0.2, t));
            }
            truthOf[captions.Count] = broadcast.Truth[i];
            captions.Add(new CaptionLine(captions.Count, broadcast.Truth[i].Text, broadcast.Truth[i].Start, broadcast.Truth[i].End));
        }
        var result = RunIpfa(broadcast, end + 1, captions);

        Assert.Equal(10, result.Segments.Count);
        foreach (var s in result.Segments.Where(s => !truthOf.ContainsKey(s.Index)))
            Assert.True(s.Status != SegmentStatus.Aligned, $"never-spoken line {s.Index} was accepted with rho {s.Rho:0.00}");
        foreach (var (index, truth) in truthOf)
            AssertPlaced(result.Segments[index], truth, tolerance: 0.1);
    }

    [Fact]
    public void A_messy_broadcast_with_intro_dropped_and_inserted_lines_and_late_rounded_hints_is_placed()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences, startSeconds: 20.0, gapSeconds: 0.4); // 20 s of intro without captions
        var captions = new List<CaptionLine>();
        var truthOf = new Dictionary<int, SyntheticBroadcast.PlantedLine>();
        for (var i = 0; i < Sentences.Length; i++)
        {
            if (i is 2 or 9 or 10)
                continue; // spoken, not captioned
            var truth = broadcast.Truth[i];
            if (i is 5 or 12)
                captions.Add(new CaptionLine(captions.Count, NeverSpoken[i == 5 ? 0 : 1], Math.Round(truth.Start + 2.5), Math.Round(truth.Start + 3)));
            truthOf[captions.Count] = truth;
            captions.Add(new CaptionLine(captions.Count, truth.Text, Math.Round(truth.Start + 2.5), Math.Round(truth.End + 2.5)));
        }
        var result = RunIpfa(broadcast, end + 5, captions);

        foreach (var s in result.Segments.Where(s => !truthOf.ContainsKey(s.Index)))
            Assert.True(s.Status != SegmentStatus.Aligned, $"never-spoken line {s.Index} was accepted with rho {s.Rho:0.00}");
        foreach (var (index, truth) in truthOf)
            AssertPlaced(result.Segments[index], truth, tolerance: 0.1);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(-1.5)]
    [InlineData(6.0)]
    public void Caption_times_shifted_by_seconds_are_only_hints(double shift)
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(10), 4.0, 0.6);
        var captions = Captions(broadcast.Truth, shift)
            .Select(c => c with { Start = Math.Round(c.Start!.Value), End = Math.Round(c.End!.Value) }).ToList();
        var result = RunIpfa(broadcast, end + 2, captions);

        for (var i = 0; i < 10; i++)
            AssertPlaced(result.Segments[i], broadcast.Truth[i], tolerance: 0.06);
    }

    [Fact]
    public void A_single_caption_line_is_placed()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.Say(Sentences[4], 5.0);
        var result = RunIpfa(broadcast, 12, [new CaptionLine(0, Sentences[4])]);

        AssertPlaced(Assert.Single(result.Segments), broadcast.Truth[0], tolerance: 0.06);
    }

    [Fact]
    public void A_single_short_caption_line_is_placed_and_keeps_its_raw_rho()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.Say("Thank you.", 2.0);
        var result = RunIpfa(broadcast, 6, [new CaptionLine(0, "Thank you.", 2.5, 3.5)]);

        var segment = Assert.Single(result.Segments);
        AssertPlaced(segment, broadcast.Truth[0], tolerance: 0.06);
        Assert.True(segment.Rho > -1.0, $"rho {segment.Rho} carries the short-segment penalty");
    }

    [Fact]
    public void A_caption_longer_than_its_audio_is_not_aligned_with_a_reason()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.Say(Sentences[0], 0.5);
        var longText = string.Join(' ', Sentences);
        var result = RunIpfa(broadcast, 5, [new CaptionLine(0, Sentences[0], 0.5, 3.0), new CaptionLine(1, longText, 3.0, 5.0)]);

        AssertPlaced(result.Segments[0], broadcast.Truth[0], tolerance: 0.06);
        var tooLong = result.Segments[1];
        Assert.Equal(SegmentStatus.NotAligned, tooLong.Status);
        Assert.Null(tooLong.Start);
        Assert.Equal("not placed: the audio ended before this text could be placed", tooLong.StatusReason);
    }

    [Fact]
    public void Captions_beyond_the_end_of_the_audio_are_not_aligned_with_a_reason()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(3), 1.0, 0.5);
        var captions = Captions(broadcast.Truth, hints: false);
        captions.AddRange(Sentences.Skip(3).Take(3).Select((text, i) => new CaptionLine(3 + i, text)));
        var result = RunIpfa(broadcast, end + 0.5, captions);

        for (var i = 0; i < 3; i++)
            AssertPlaced(result.Segments[i], broadcast.Truth[i], 0.06);
        Assert.All(result.Segments.Skip(3), s => Assert.Equal(
            (SegmentStatus.NotAligned, "not placed: the audio ended before this text could be placed"), (s.Status, s.StatusReason)));
    }

    [Fact]
    public void Captions_that_match_nothing_make_the_aligner_give_up_with_a_reason()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences, 1.0, 0.5);
        var captions = Enumerable.Range(0, 12).Select(i => new CaptionLine(i, NeverSpoken[i % 2])).ToList();
        var options = new IpfaOptions { MaxWindowSeconds = 10, GiveUpWindowSeconds = 20 };
        var result = RunIpfa(broadcast, end, captions, options);

        Assert.NotNull(result.Statistics.GaveUpReason);
        Assert.All(result.Segments, s => Assert.NotEqual(SegmentStatus.Aligned, s.Status));
        Assert.Contains(result.Segments, s => s.StatusReason!.StartsWith("not placed: gave up on the file (", StringComparison.Ordinal));
    }

    [Fact]
    public void Audio_with_no_speech_leaves_every_line_not_aligned()
    {
        var silence = new SyntheticBroadcast();
        var result = RunIpfa(silence, 30, Captions([new("Hello there everyone out there tonight.", 1, 3), new(Sentences[1], 4, 7)]));

        Assert.All(result.Segments, s =>
        {
            Assert.Equal(SegmentStatus.NotAligned, s.Status);
            Assert.Equal("no speech found in the audio", s.StatusReason);
            Assert.Equal(LineAssembler.UnplacedRho, s.Rho);
        });
        Assert.Equal(30, result.SecondsRead, 6);
    }

    [Fact]
    public void A_line_without_speakable_text_is_not_aligned_and_does_not_disturb_the_rest()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(2), 1.0, 0.5);
        var captions = new List<CaptionLine>
        {
            new(0, broadcast.Truth[0].Text), new(1, "♪ ♪"), new(2, broadcast.Truth[1].Text),
        };
        var result = RunIpfa(broadcast, end + 1, captions);

        AssertPlaced(result.Segments[0], broadcast.Truth[0], 0.06);
        Assert.Equal(SegmentStatus.NotAligned, result.Segments[1].Status);
        Assert.Equal("no speakable text after normalisation", result.Segments[1].StatusReason);
        AssertPlaced(result.Segments[2], broadcast.Truth[1], 0.06);
    }

    [Fact]
    public void Lines_longer_than_the_chunk_size_are_split_and_reassembled()
    {
        var broadcast = new SyntheticBroadcast();
        var longLine = string.Join(' ', Sentences.Take(5)); // about 55 words: three chunks
        var end = broadcast.SayAll([Sentences[10], longLine, Sentences[11]], 1.0, 0.6);
        var result = RunIpfa(broadcast, end + 1, Captions(broadcast.Truth));

        for (var i = 0; i < 3; i++)
            AssertPlaced(result.Segments[i], broadcast.Truth[i], 0.06);
        Assert.Equal(longLine.Split(' ').Length, result.Segments[1].Words.Count);
    }

    [Fact]
    public void Memory_is_bounded_by_the_largest_window_not_the_file()
    {
        var broadcast = new SyntheticBroadcast();
        var t = 1.0;
        for (var round = 0; round < 6; round++)
            t = broadcast.SayAll(Sentences, t, 0.6) + 3.0; // about 6 minutes of speech
        const int block = 100;
        var result = RunIpfa(broadcast, t, Captions(broadcast.Truth), blockFrames: block);
        var totalFrames = (int)Math.Round(t / SyntheticBroadcast.FrameSeconds);

        Assert.All(result.Segments, s => Assert.Equal(SegmentStatus.Aligned, s.Status));
        var stats = result.Statistics;
        Assert.True(stats.PeakBufferedFrames <= stats.LargestWindowFrames + block,
            $"peak {stats.PeakBufferedFrames} frames > largest window {stats.LargestWindowFrames} + block {block}");
        Assert.True(stats.PeakBufferedFrames < totalFrames / 10, $"peak {stats.PeakBufferedFrames} of {totalFrames} frames");
    }

    [Fact]
    public void Peak_memory_does_not_grow_with_the_file()
    {
        int Peak(int rounds)
        {
            var broadcast = new SyntheticBroadcast();
            var t = 1.0;
            for (var round = 0; round < rounds; round++)
                t = broadcast.SayAll(Sentences, t, 0.6) + 3.0;
            return RunIpfa(broadcast, t, Captions(broadcast.Truth), blockFrames: 100).Statistics.PeakBufferedFrames;
        }
        var (short_, long_) = (Peak(2), Peak(6));
        Assert.True(long_ <= 1.25 * short_, $"peak {long_} frames for 3x the audio, {short_} for 1x");
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.SayAll(Sentences.Take(4), 1.0, 0.5);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Ipfa().AlignAsync(Captions(broadcast.Truth), SyntheticBroadcast.Stream(broadcast.Build(20), 100), null, cts.Token));
    }

    [Fact]
    public async Task Blocks_out_of_order_fail_with_a_clear_message()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.SayAll(Sentences.Take(3), 1.0, 0.5);
        var all = broadcast.Build(20);
        async IAsyncEnumerable<EmissionMatrix> Gapped()
        {
            await Task.Yield();
            yield return all.Slice(0, 100);
            yield return all.Slice(150, 300);
        }
        var ex = await Assert.ThrowsAsync<AlignmentException>(() => Ipfa().AlignAsync(Captions(broadcast.Truth, hints: false), Gapped()));
        Assert.Equal("Emission block starts at 3 s; the stream expected 2 s (blocks must be adjacent and in order).", ex.Message);
    }
}
