using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;
using Xunit.Abstractions;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// Issue 19, item 4: the same programme repeated in one file is aligned the same way in every copy (placement, status,
/// word times within one frame), except next to the copy boundaries. IPFA's decisions must not depend on where a
/// window happens to start or on what it decided earlier in the file.
/// </summary>
public sealed class IpfaConsistencyTests(ITestOutputHelper output)
{
    private const double OneFrame = SyntheticBroadcast.FrameSeconds + 1e-6;

    public static TheoryData<int, double, double> Programmes()
    {
        var data = new TheoryData<int, double, double>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5, 6 })
        {
            data.Add(seed, 0, 0);
            data.Add(seed, 80, 0.25);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public async Task Three_copies_of_a_programme_are_aligned_alike_by_the_reference_core(int seed, double breakSeconds, double changedWords)
    {
        var programme = RepeatedProgramme.Compose(seed, copies: 3, breakSeconds: breakSeconds, changedWords: changedWords);
        var result = await LongFormHarness.Ipfa().AlignAsync(programme.Captions, SyntheticBroadcast.Stream(programme.Emissions, 250));
        AssertAlike(programme, result.Segments);
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public async Task Three_copies_of_a_programme_are_aligned_alike_with_the_align_verbs_settings(int seed, double breakSeconds, double changedWords)
    {
        var programme = RepeatedProgramme.Compose(seed, copies: 3, breakSeconds: breakSeconds, changedWords: changedWords);
        var aligner = new CaptionEmissionAligner(LetterModel.Vocabulary, new AlignerSettings { CaptionWer = false });
        var result = await aligner.AlignAsync(new MediaJob("p", "p.wav", programme.Captions),
            SyntheticBroadcast.Stream(programme.Emissions, 250), programme.Emissions.DurationSeconds, CancellationToken.None);
        AssertAlike(programme, result.Segments);
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public async Task Three_copies_of_a_programme_are_aligned_alike_with_the_hint_band(int seed, double breakSeconds, double changedWords)
    {
        var programme = RepeatedProgramme.Compose(seed, copies: 3, breakSeconds: breakSeconds, changedWords: changedWords);
        var settings = new AlignerSettings { CaptionWer = false };
        var aligner = new CaptionEmissionAligner(LetterModel.Vocabulary, settings with { Ipfa = settings.Ipfa with { HintBandSeconds = 4 } });
        var result = await aligner.AlignAsync(new MediaJob("p", "p.wav", programme.Captions),
            SyntheticBroadcast.Stream(programme.Emissions, 250), programme.Emissions.DurationSeconds, CancellationToken.None);
        // The band starts once the last anchors agree on the caption offset: the first lines of the file are placed
        // without it, so for them the second copy is the reference; and a never-spoken caption pressed against its
        // band's edge keeps its status, not its frame.
        AssertAlike(programme, result.Segments, warmUpLines: new IpfaOptions().HintBandMinAnchors + 2, neverSpokenStatusOnly: true);
    }

    private void AssertAlike(RepeatedProgramme programme, IReadOnlyList<AlignedSegment> segments, int warmUpLines = 0,
        bool neverSpokenStatusOnly = false)
    {
        var differences = programme.Differences(segments, OneFrame, warmUpLines: warmUpLines, neverSpokenStatusOnly: neverSpokenStatusOnly);
        foreach (var d in differences)
            output.WriteLine(d);
        output.WriteLine($"{programme.LinesPerCopy} lines per copy, {programme.CopySeconds:0.0} s per copy; {differences.Count} differences");
        Assert.Empty(differences);
    }
}
