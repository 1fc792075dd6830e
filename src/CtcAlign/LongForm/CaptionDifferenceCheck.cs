using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A placed line whose audio holds most of its words but not all: the captioner changed it (added, left out or replaced
/// words). The evidence is the line's <see cref="CaptionDifferenceScore"/> (the probability that its caption differs,
/// from the letters the model hears inside, between and just outside its words, its word confidences and durations and
/// its caption WER) at <see cref="IpfaOptions.DiffersScore"/> or more for an aligned line,
/// <see cref="IpfaOptions.DiffersScoreLowConfidence"/> or more for one already low_confidence; and, when asked, single tests: a word whose
/// letters fit the audio worse than the line's median word by <see cref="IpfaOptions.DiffersMisfitContrast"/> nats a
/// letter or more (<see cref="HeardLetters"/>: replaced, or added and squeezed onto other speech); letters heard
/// between two words that no caption token takes, <see cref="IpfaOptions.DiffersUnexplainedNats"/> or more (a word left
/// out); a weakest word below <see cref="IpfaOptions.DiffersWordConfidence"/>; and a first or last word standing apart
/// from the line's speech (<see cref="LineTimingCheck.WithoutStrayEdgeWords"/>: an added word the aligner put on a
/// letter in the audio around the line, or a never-spoken line stretched over stray letters). Such a line keeps its place and times,
/// is never <c>aligned</c> (its text is not what was said), and its reason starts with <see cref="Reason"/>, naming the
/// strongest evidence. A line whose median word was not heard (below <see cref="IpfaOptions.DiffersMedianConfidence"/>)
/// is left to the other checks (most likely never spoken). A pure function of the segments.
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
        var cut = segment.Status == SegmentStatus.Aligned ? options.DiffersScore : options.DiffersScoreLowConfidence;
        if (cut > 0 && CaptionDifferenceScore.Features(segment) is { } features
            && CaptionDifferenceScore.Probability(features) is var p && p >= cut)
            return Invariant($"score {p:0.00}: ") + Evidence(words, features, median);
        var (keptStart, keptEnd) = LineTimingCheck.WithoutStrayEdgeWords(words, options);
        if (keptStart > words[0].Start)
            return $"\"{words[0].Word}\" stands apart from the line's speech";
        if (keptEnd < words[^1].End)
            return $"\"{words[^1].Word}\" stands apart from the line's speech";
        return null;
    }

    /// <summary>The line's strongest evidence (<see cref="CaptionDifferenceScore.Strongest"/>) in words.</summary>
    private static string Evidence(IReadOnlyList<AlignedWord> words, double[] features, double medianConfidence)
    {
        var i = CaptionDifferenceScore.Strongest(features);
        var value = features[i];
        switch (CaptionDifferenceScore.FeatureNames[i])
        {
            case "misfit_contrast":
                var worst = words.MaxBy(w => w.MisfitPerLetter ?? 0)!;
                return Invariant($"\"{worst.Word}\" is not what was heard ({worst.MisfitPerLetter ?? 0:0.0} nats a letter below the model's own hearing, {value:0.0} more than the line's median word)");
            case "unexplained":
                var k = Enumerable.Range(1, words.Count - 1).MaxBy(j => words[j].UnexplainedBefore ?? 0);
                return Invariant($"speech heard between \"{words[k - 1].Word}\" and \"{words[k].Word}\" that no caption word accounts for ({value:0.0} nats)");
            case "confidence_contrast":
                var weakest = words.MinBy(w => w.Confidence)!;
                return Invariant($"\"{weakest.Word}\" barely heard (word confidence {weakest.Confidence:0.000}, the line's median {medianConfidence:0.00})");
            case "shortest_word":
                var shortest = words.MinBy(w => (w.End - w.Start) / CaptionDifferenceScore.Letters(w.Word))!;
                return Invariant($"\"{shortest.Word}\" squeezed into {shortest.End - shortest.Start:0.00} s, {Math.Exp(-value):0.0} times as fast as the line's median word");
            case "longest_word":
                return Invariant($"its words spread evenly over the audio, as text that does not fit it is (the slowest only {Math.Exp(value):0.0} times as slow as the line's median word)");
            case "speech_before":
                return Invariant($"{value:0.00} s of speech before \"{words[0].Word}\" that no caption word accounts for");
            case "speech_after":
                return Invariant($"{value:0.00} s of speech after \"{words[^1].Word}\" that no caption word accounts for");
            default:
                return Invariant($"the model hears other words (caption WER {value:0.00})");
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static double Median(IEnumerable<double> values) => CaptionDifferenceScore.LowerMedian(values.ToArray());
}
