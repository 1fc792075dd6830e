using CtcAlign.Alignment;

namespace CtcAlign.Tests;

/// <summary>Hand-made alignments covering every status, hints, caption WER, quotes, commas and non-ASCII text.</summary>
public static class SampleAlignments
{
    public static MediaAlignment Episode(string id = "episode 1") => new(id, "/media/episode 1.wav", 12.5,
    [
        new AlignedSegment(0, "Hello, \"world\" — café.", "hello world cafe", 0.52, 2.04, -0.41, SegmentStatus.Aligned,
        [
            new AlignedWord("Hello,", 0.52, 0.9, 0.93), new AlignedWord("\"world\"", 0.94, 1.5, 0.88), new AlignedWord("—", 1.5, 1.5, 0.5),
            new AlignedWord("café.", 1.52, 2.04, 0.81),
        ]) { HintStart = 1.0, HintEnd = 2.5, CaptionWer = 0.0 },
        new AlignedSegment(1, "In 1995, Dr. Smith said <no> & left", "in nineteen ninety five doctor smith said no and left", 2.3, 5.1, -2.75,
            SegmentStatus.LowConfidence,
        [
            new AlignedWord("In", 2.3, 2.4, 0.7), new AlignedWord("1995,", 2.42, 3.3, 0.4), new AlignedWord("Dr.", 3.3, 3.6, 0.6),
            new AlignedWord("Smith", 3.6, 4.0, 0.65), new AlignedWord("said", 4.0, 4.3, 0.7), new AlignedWord("<no>", 4.3, 4.5, 0.2),
            new AlignedWord("&", 4.5, 4.6, 0.3), new AlignedWord("left", 4.6, 5.1, 0.5),
        ]) { HintStart = 3.0, HintEnd = 5.0, CaptionWer = 0.25, RerankNote = "kept 2 of 3 chunks" },
        new AlignedSegment(2, "Never said on air", "never said on air", null, null, -12.0, SegmentStatus.NotAligned, [])
            { HintStart = 6.0, HintEnd = 7.0 },
        new AlignedSegment(3, "Goodbye.", "goodbye", 9.0, 9.75, -0.9, SegmentStatus.Aligned, [new AlignedWord("Goodbye.", 9.0, 9.75, 0.95)]),
    ]);
}
