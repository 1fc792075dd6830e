using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using Xunit.Abstractions;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// IPFA answers repeated segmentations and word alignments of the same audio and text from the ones already computed
/// (<see cref="IpfaOptions.ReuseAlignmentWork"/>): the alignment must be exactly the one computed without reuse, with
/// less work.
/// </summary>
public sealed class AlignmentWorkReuseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 0, 0.0)]
    [InlineData(2, 80, 0.25)]
    [InlineData(3, 0, 0.25)]
    [InlineData(4, 80, 0.25)]
    public async Task Reusing_answers_changes_no_result_and_saves_work(int seed, double breakSeconds, double changedWords)
    {
        var programme = RepeatedProgramme.Compose(seed, copies: 2, breakSeconds: breakSeconds, changedWords: changedWords);
        var (fresh, freshStats) = await Align(programme, reuse: false);
        var (reused, reusedStats) = await Align(programme, reuse: true);

        output.WriteLine($"segmenter calls {freshStats.SegmenterCalls} -> {reusedStats.SegmenterCalls}, frames {freshStats.SegmentedFrames} -> {reusedStats.SegmentedFrames}; " +
                         $"word aligner calls {freshStats.WordAlignerCalls} -> {reusedStats.WordAlignerCalls}, frames {freshStats.WordAlignedFrames} -> {reusedStats.WordAlignedFrames}; reused {reusedStats.ReusedAnswers}");
        Assert.Equal(fresh.Count, reused.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            var (a, b) = (fresh[i], reused[i]);
            Assert.Equal((a.Status, a.Start, a.End, a.Rho, a.StatusReason), (b.Status, b.Start, b.End, b.Rho, b.StatusReason));
            Assert.Equal(a.Words, b.Words);
        }
        Assert.Equal(0, freshStats.ReusedAnswers);
        Assert.True(reusedStats.ReusedAnswers > 0);
        Assert.Equal(freshStats.SegmenterCalls + freshStats.WordAlignerCalls,
            reusedStats.SegmenterCalls + reusedStats.WordAlignerCalls + reusedStats.ReusedAnswers);
        Assert.True(reusedStats.WordAlignedFrames < freshStats.WordAlignedFrames);
    }

    private static async Task<(IReadOnlyList<AlignedSegment>, LongFormStatistics)> Align(RepeatedProgramme programme, bool reuse)
    {
        var settings = new AlignerSettings { CaptionWer = false, Ipfa = new IpfaOptions { ReuseAlignmentWork = reuse } };
        var (alignment, stats) = await new CaptionEmissionAligner(LetterModel.Vocabulary, settings).AlignWithStatisticsAsync(
            new MediaJob("p", "p.wav", programme.Captions), SyntheticBroadcast.Stream(programme.Emissions, 250),
            programme.Emissions.DurationSeconds, CancellationToken.None);
        return (alignment.Segments, stats);
    }
}
