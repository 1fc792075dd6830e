using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A placed line whose audio holds most of its words but not all: the captioner changed it (added, left out or replaced
/// words). The evidence is in the letters the model hears inside and between the line's words
/// (<see cref="HeardLetters"/>): a word whose letters fit the audio worse than the line's median word by
/// <see cref="IpfaOptions.DiffersMisfitContrast"/> nats a letter or more (replaced, or added and squeezed onto other
/// speech); letters heard between two words that no caption token takes, <see cref="IpfaOptions.DiffersUnexplainedNats"/>
/// or more (a word left out); a first or last word standing apart from the line's speech
/// (<see cref="LineTimingCheck.WithoutStrayEdgeWords"/>); and, when asked, a weakest word below
/// <see cref="IpfaOptions.DiffersWordConfidence"/>. Such a line keeps its place and times, is never <c>aligned</c> (its
/// text is not what was said), and its reason starts with <see cref="Reason"/>. A line whose median word was not heard
/// (below <see cref="IpfaOptions.DiffersMedianConfidence"/>) is left to the other checks (most likely never spoken).
/// A pure function of the segments.
/// </summary>
public static class CaptionDifferenceCheck
{
    /// <summary>The start of the reason of a line this check marks.</summary>
    public const string Reason = "caption differs from the audio";

    public static IReadOnlyList<AlignedSegment> Apply(IReadOnlyList<AlignedSegment> segments, IpfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.DiffersCheck)
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
        if (segment.Status == SegmentStatus.NotAligned || segment.Start is null || words.Count < 2 || !options.DiffersCheck)
            return null;
        var median = Median(words.Select(w => w.Confidence));
        if (median < options.DiffersMedianConfidence)
            return null; // the line as a whole was not heard: not a changed caption
        if (options.DiffersMisfitContrast > 0 && words.Where(w => w.MisfitPerLetter is not null).ToList() is { Count: >= 2 } fitted)
        {
            var medianMisfit = Median(fitted.Select(w => w.MisfitPerLetter!.Value));
            var worst = fitted.MaxBy(w => w.MisfitPerLetter!.Value)!;
            if (worst.MisfitPerLetter!.Value - medianMisfit >= options.DiffersMisfitContrast)
                return string.Create(CultureInfo.InvariantCulture,
                    $"\"{worst.Word}\" is not what was heard ({worst.MisfitPerLetter.Value:0.0} nats a letter below the model's own hearing, the line's median {medianMisfit:0.0})");
        }
        if (options.DiffersUnexplainedNats > 0)
        {
            var (index, nats) = (0, 0.0);
            for (var i = 1; i < words.Count; i++)
                if (words[i].UnexplainedBefore is { } u && u > nats)
                    (index, nats) = (i, u);
            if (index > 0 && nats >= options.DiffersUnexplainedNats)
                return string.Create(CultureInfo.InvariantCulture,
                    $"speech heard between \"{words[index - 1].Word}\" and \"{words[index].Word}\" that no caption word accounts for ({nats:0.0} nats)");
        }
        if (options.DiffersWordConfidence > 0)
        {
            var weakest = words.MinBy(w => w.Confidence)!;
            if (weakest.Confidence < options.DiffersWordConfidence)
                return string.Create(CultureInfo.InvariantCulture,
                    $"\"{weakest.Word}\" not heard (word confidence {weakest.Confidence:0.000}, the line's median {median:0.00})");
        }
        var (keptStart, keptEnd) = LineTimingCheck.WithoutStrayEdgeWords(words, options);
        if (keptStart > words[0].Start)
            return $"\"{words[0].Word}\" stands apart from the line's speech";
        if (keptEnd < words[^1].End)
            return $"\"{words[^1].Word}\" stands apart from the line's speech";
        return null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
