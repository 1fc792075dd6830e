using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.LongForm;

public sealed class GlobalAlignerTests : GlobalAlignerScenarios
{
    protected override bool RealCore => false;
}

/// <summary>The same scenarios on the real core the align verb uses.</summary>
public sealed class GlobalAlignerRealCoreTests : GlobalAlignerScenarios
{
    protected override bool RealCore => true;
}

public abstract class GlobalAlignerScenarios
{
    protected abstract bool RealCore { get; }

    private IReadOnlyList<AlignedSegment> RunGlobal(SyntheticBroadcast broadcast, double seconds, IReadOnlyList<CaptionLine> captions) =>
        (RealCore ? RealGlobal() : Global()).AlignAsync(captions, SyntheticBroadcast.Stream(broadcast.Build(seconds), 500)).GetAwaiter().GetResult().Segments;

    private LongFormResult RunIpfa(SyntheticBroadcast broadcast, double seconds, IReadOnlyList<CaptionLine> captions) =>
        LongFormHarness.RunIpfa(broadcast, seconds, captions, realCore: RealCore);

    [Fact]
    public void Places_a_clean_broadcast()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(6), 2.0, 0.6);
        var segments = RunGlobal(broadcast, end + 1, Captions(broadcast.Truth, hints: false));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(SegmentStatus.Aligned, segments[i].Status);
            Assert.Equal(broadcast.Truth[i].Start, segments[i].Start!.Value, 0.06);
        }
    }

    [Fact]
    public void Swallows_uncaptioned_speech_into_a_neighbour_with_an_acceptable_rho_where_ipfa_does_not()
    {
        var broadcast = new SyntheticBroadcast();
        var end = broadcast.SayAll(Sentences.Take(8), 2.0, 0.5);
        var kept = broadcast.Truth.Where((_, i) => i is not (3 or 4)).ToList();
        var captions = Captions(kept);

        var global = RunGlobal(broadcast, end + 1, captions);
        // The missing lines' speech goes to the line before or after them, which stays "aligned" with a fine rho.
        var (before, after) = (global[2], global[3]);
        Assert.Equal((SegmentStatus.Aligned, SegmentStatus.Aligned), (before.Status, after.Status));
        var swallowed = Math.Max(before.End!.Value - kept[2].End, kept[3].Start - after.Start!.Value);
        Assert.True(swallowed > 0.5, $"global: line 2 ends {before.End:0.00} (truth {kept[2].End:0.00}), line 3 starts {after.Start:0.00} (truth {kept[3].Start:0.00})");

        var ipfa = RunIpfa(broadcast, end + 1, captions).Segments;
        for (var i = 0; i < kept.Count; i++)
            AssertPlaced(ipfa[i], kept[i], tolerance: 0.1);
    }

    [Fact]
    public void Text_longer_than_the_audio_is_not_aligned_with_a_reason()
    {
        var broadcast = new SyntheticBroadcast();
        broadcast.Say(Sentences[0], 0.2);
        var segments = RunGlobal(broadcast, 4, [new CaptionLine(0, Sentences[0]), new CaptionLine(1, string.Join(' ', Sentences))]);

        Assert.Equal(SegmentStatus.NotAligned, segments[1].Status);
        Assert.Equal("not placed: the text needs more than the 200 frames of audio", segments[1].StatusReason);
    }
}
