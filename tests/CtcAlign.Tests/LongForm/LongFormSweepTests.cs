using CtcAlign.Alignment;
using CtcAlign.Formats;
using Xunit.Abstractions;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// Random composed broadcasts (45 lines of random words from the sentence vocabulary, intro, pauses up to 8 s,
/// 10% of lines spoken but not captioned, 8% captions never spoken, hints rounded and shifted by -1.8..+4.2 s or absent)
/// aligned by IPFA and by the global baseline. Prints the figures quoted in the README.
/// </summary>
public sealed class LongFormSweepTests(ITestOutputHelper output)
{
    private const int Seeds = 4;

    [Fact]
    public async Task Ipfa_places_spoken_lines_within_half_a_second_and_accepts_no_unspoken_caption()
    {
        int spoken = 0, ipfaWithin = 0, ipfaInserted = 0, globalWithin = 0, globalInserted = 0, inserted = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var (broadcast, seconds, captions, truthOf, neverSpoken) = Compose(seed);
            var emissions = broadcast.Build(seconds, seed);
            var ipfa = (await Ipfa().AlignAsync(captions, SyntheticBroadcast.Stream(emissions, 250))).Segments;
            var global = (await Global().AlignAsync(captions, SyntheticBroadcast.Stream(emissions, 250))).Segments;
            foreach (var (index, truth) in truthOf)
            {
                spoken++;
                ipfaWithin += Within(ipfa[index], truth) ? 1 : 0;
                globalWithin += Within(global[index], truth) ? 1 : 0;
            }
            inserted += neverSpoken.Count;
            ipfaInserted += neverSpoken.Count(i => ipfa[i].Status == SegmentStatus.Aligned);
            globalInserted += neverSpoken.Count(i => global[i].Status == SegmentStatus.Aligned);
        }

        output.WriteLine($"{Seeds} broadcasts, {spoken} spoken captioned lines, {inserted} captions never spoken");
        output.WriteLine($"IPFA:   {ipfaWithin}/{spoken} ({100.0 * ipfaWithin / spoken:0.0}%) within 0.5 s, {ipfaInserted} never-spoken accepted");
        output.WriteLine($"global: {globalWithin}/{spoken} ({100.0 * globalWithin / spoken:0.0}%) within 0.5 s, {globalInserted} never-spoken accepted");
        Assert.True(ipfaWithin >= 0.95 * spoken, $"IPFA placed {ipfaWithin} of {spoken} lines within 0.5 s");
        Assert.Equal(0, ipfaInserted);
        Assert.True(ipfaWithin > globalWithin, $"IPFA {ipfaWithin}, global {globalWithin}");
    }

    private static bool Within(AlignedSegment s, SyntheticBroadcast.PlantedLine truth) =>
        s.Start is { } start && Math.Abs(start - truth.Start) <= 0.5 && Math.Abs(s.End!.Value - truth.End) <= 0.5;

    private static (SyntheticBroadcast, double, List<CaptionLine>, Dictionary<int, SyntheticBroadcast.PlantedLine>, List<int>) Compose(int seed)
    {
        var rng = new Random(seed);
        var vocabulary = string.Join(' ', Sentences).Split(' ').Select(w => w.Trim('.').ToLowerInvariant()).Distinct().ToArray();
        var broadcast = new SyntheticBroadcast();
        var t = rng.NextDouble() * 20;
        for (var i = 0; i < 45; i++)
        {
            var line = string.Join(' ', Enumerable.Range(0, rng.Next(4, 15)).Select(_ => vocabulary[rng.Next(vocabulary.Length)]));
            t = broadcast.Say(line, t) + 0.2 + rng.NextDouble() * (rng.NextDouble() < 0.1 ? 8 : 1);
        }
        var hints = seed % 3 != 0;
        var shift = (rng.NextDouble() - 0.3) * 6;
        var captions = new List<CaptionLine>();
        var truthOf = new Dictionary<int, SyntheticBroadcast.PlantedLine>();
        var neverSpoken = new List<int>();
        foreach (var truth in broadcast.Truth)
        {
            if (rng.NextDouble() < 0.1)
                continue;
            if (rng.NextDouble() < 0.08)
            {
                neverSpoken.Add(captions.Count);
                captions.Add(new CaptionLine(captions.Count, NeverSpoken[rng.Next(2)],
                    hints ? Math.Round(truth.Start + shift) : null, hints ? Math.Round(truth.Start + shift + 1) : null));
            }
            truthOf[captions.Count] = truth;
            captions.Add(new CaptionLine(captions.Count, truth.Text,
                hints ? Math.Round(truth.Start + shift) : null, hints ? Math.Round(truth.End + shift) : null));
        }
        return (broadcast, t + 3, captions, truthOf, neverSpoken);
    }
}
