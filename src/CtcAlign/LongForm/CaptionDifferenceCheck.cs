using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A placed line whose audio holds most of its words but not all: the captioner changed it (added, left out or replaced
/// words). Its weakest word has a confidence below <see cref="IpfaOptions.DiffersWordConfidence"/> while the line's median
/// word is heard (at least <see cref="IpfaOptions.DiffersMedianConfidence"/>), or a first or last word stands apart from the
/// line's speech (<see cref="LineTimingCheck.WithoutStrayEdgeWords"/>). Such a line keeps its place and times, is never
/// <c>aligned</c> (its text is not what was said), and its reason starts with <see cref="Reason"/>. A line none of whose
/// words were heard is left to the other checks (most likely never spoken). A pure function of the segments.
/// </summary>
public static class CaptionDifferenceCheck
{
    /// <summary>The start of the reason of a line this check marks.</summary>
    public const string Reason = "caption differs from the audio";

    public static IReadOnlyList<AlignedSegment> Apply(IReadOnlyList<AlignedSegment> segments, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DiffersWordConfidence <= 0)
            return segments;
        return segments.Select(s => Apply(s, options)).ToList();
    }

    /// <summary>The line with the low_confidence status and the reason when its caption differs from its audio, else as it was.</summary>
    public static AlignedSegment Apply(AlignedSegment segment, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(options);
        if (Differs(segment, options) is not { } what)
            return segment;
        var reason = $"{Reason}: {what}";
        return segment with
        {
            Status = SegmentStatus.LowConfidence,
            StatusReason = segment.Status == SegmentStatus.LowConfidence && segment.StatusReason is { } r ? $"{reason}; {r}" : reason,
        };
    }

    /// <summary>What differs (one short clause), or null when nothing says the caption differs from the audio.</summary>
    public static string? Differs(AlignedSegment segment, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(options);
        var words = segment.Words;
        if (segment.Status == SegmentStatus.NotAligned || segment.Start is null || words.Count < 2 || options.DiffersWordConfidence <= 0)
            return null;
        var sorted = words.Select(w => w.Confidence).Order().ToList();
        var median = sorted[(sorted.Count - 1) / 2];
        if (median < options.DiffersMedianConfidence)
            return null; // the line as a whole was not heard: not a changed caption
        var weakest = words.MinBy(w => w.Confidence)!;
        if (weakest.Confidence < options.DiffersWordConfidence)
            return string.Create(CultureInfo.InvariantCulture,
                $"\"{weakest.Word}\" not heard (word confidence {weakest.Confidence:0.000}, the line's median {median:0.00})");
        var (keptStart, keptEnd) = LineTimingCheck.WithoutStrayEdgeWords(words, options);
        if (keptStart > words[0].Start)
            return $"\"{words[0].Word}\" stands apart from the line's speech";
        if (keptEnd < words[^1].End)
            return $"\"{words[^1].Word}\" stands apart from the line's speech";
        return null;
    }
}
