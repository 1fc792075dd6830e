using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// One <see cref="AlignedSegment"/> per caption line, in caption order (wrap in <see cref="MediaAlignment"/>), the
/// media seconds of emissions read, and what the aligner did.
/// </summary>
public sealed record LongFormResult(IReadOnlyList<AlignedSegment> Segments, double SecondsRead, LongFormStatistics Statistics);

/// <summary>
/// Counters of one run. <see cref="PeakBufferedFrames"/> is the most emission frames held at once;
/// <see cref="LargestWindowFrames"/> the longest window aligned (the memory bound is the two together:
/// peak &lt;= largest window + one block). <see cref="GaveUpReason"/> is set when the file was abandoned.
/// <see cref="SegmentedFrames"/> and <see cref="WordAlignedFrames"/> are the emission frames given to ctc-segmentation
/// and to the word aligner over the run (every call counts its whole input): set against the frames of the audio they
/// say how often the align stage went over the same audio.
/// </summary>
public sealed record LongFormStatistics(
    int Windows,
    int Segmentations,
    int AcceptedWindows,
    int ExpandedWindows,
    int FailedWindows,
    int Respreads,
    int PeakBufferedFrames,
    int LargestWindowFrames,
    string? GaveUpReason)
{
    public long SegmenterCalls { get; init; }

    public long SegmentedFrames { get; init; }

    public long WordAlignerCalls { get; init; }

    public long WordAlignedFrames { get; init; }

    /// <summary>Segmenter and word-aligner calls answered from an identical earlier call (<see cref="IpfaOptions.ReuseAlignmentWork"/>).</summary>
    public long ReusedAnswers { get; init; }
}
