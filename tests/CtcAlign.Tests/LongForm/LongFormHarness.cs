using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>Sentences, aligners wired to the reference segmenter and word aligner, and boundary checks.</summary>
internal static class LongFormHarness
{
    public static readonly string[] Sentences =
    [
        "Good evening and welcome to the late news on channel four.",
        "Heavy rain flooded several roads in the north of the county today.",
        "Police closed the bridge after the river rose above its banks.",
        "Schools will stay open tomorrow despite the weather warnings.",
        "The council says repairs to the harbour wall will take a month.",
        "In sport the home team won their third match in a row.",
        "Their captain scored twice before half time at a packed stadium.",
        "Ticket prices for the final have been frozen for another year.",
        "Scientists have found a new species of frog in the mountains.",
        "The tiny green frog was hiding under leaves near a waterfall.",
        "Farmers expect a good harvest after a warm and sunny spring.",
        "Prices of apples and pears are likely to fall this autumn.",
        "A museum in the old town reopened after two years of work.",
        "Visitors queued from early morning to see the painted ceiling.",
        "Tomorrow will be dry and bright with a light breeze from the west.",
        "That is all from us tonight so thank you for watching and goodbye.",
    ];

    public static readonly string[] NeverSpoken =
    [
        "Xylophone quartets juggle quixotic zebras by the jukebox.",
        "Jazz quiz whizzes vex fjord nymphs with waltzing kazoos.",
    ];

    public static IpfaAligner Ipfa(IpfaOptions? options = null, ReferenceSegmenter? segmenter = null) =>
        new(LetterModel.Vocabulary, segmenter ?? new ReferenceSegmenter(LetterModel.Blank),
            new ReferenceWordAligner(LetterModel.Blank), LetterModel.Tokenize, options);

    /// <summary>
    /// IPFA wired to the real core, as the align verb runs it: <see cref="CtcUtteranceSegmenter"/> (banded
    /// ctc-segmentation), <see cref="ViterbiWordAligner"/> (Viterbi + boundary corrections) and the
    /// <see cref="CtcAlign.Text.TextNormalizer"/> tokenizer.
    /// </summary>
    public static IpfaAligner RealIpfa(IpfaOptions? options = null) =>
        new(LetterModel.Vocabulary, new CtcUtteranceSegmenter(LetterModel.Blank), new ViterbiWordAligner(LetterModel.Blank),
            NormalizingTokenizer.For(new CtcAlign.Text.TextNormalizer(LetterModel.Vocabulary)), options);

    public static GlobalAligner Global() =>
        new(new ReferenceSegmenter(LetterModel.Blank), new ReferenceWordAligner(LetterModel.Blank), LetterModel.Tokenize);

    public static GlobalAligner RealGlobal() =>
        new(new CtcUtteranceSegmenter(LetterModel.Blank), new ViterbiWordAligner(LetterModel.Blank),
            NormalizingTokenizer.For(new CtcAlign.Text.TextNormalizer(LetterModel.Vocabulary)));

    /// <summary>Captions with the planted times as hints, shifted by <paramref name="shiftSeconds"/>.</summary>
    public static List<CaptionLine> Captions(IEnumerable<SyntheticBroadcast.PlantedLine> lines, double shiftSeconds = 0, bool hints = true) =>
        lines.Select((l, i) => hints
            ? new CaptionLine(i, l.Text, l.Start + shiftSeconds, l.End + shiftSeconds)
            : new CaptionLine(i, l.Text)).ToList();

    public static LongFormResult RunIpfa(SyntheticBroadcast broadcast, double seconds, IReadOnlyList<CaptionLine> captions,
        IpfaOptions? options = null, int blockFrames = 250, bool realCore = false) =>
        (realCore ? RealIpfa(options) : Ipfa(options))
            .AlignAsync(captions, SyntheticBroadcast.Stream(broadcast.Build(seconds), blockFrames)).GetAwaiter().GetResult();

    /// <summary>Asserts the caption line is aligned with start and end within <paramref name="tolerance"/> of the truth.</summary>
    public static void AssertPlaced(AlignedSegment segment, SyntheticBroadcast.PlantedLine truth, double tolerance = 0.1)
    {
        Assert.True(segment.Status == SegmentStatus.Aligned,
            $"line {segment.Index} \"{segment.Text}\": {segment.Status} ({segment.StatusReason}), rho {segment.Rho:0.00}");
        Assert.True(Math.Abs(segment.Start!.Value - truth.Start) <= tolerance,
            $"line {segment.Index} starts at {segment.Start:0.00}, truth {truth.Start:0.00}");
        Assert.True(Math.Abs(segment.End!.Value - truth.End) <= tolerance,
            $"line {segment.Index} ends at {segment.End:0.00}, truth {truth.End:0.00}");
    }
}
