namespace CtcAlign.Alignment;

/// <summary>
/// One caption line after alignment. <see cref="Index"/> is the 0-based caption line; times are media
/// seconds, half-open <c>[Start, End)</c>, null when not aligned. <see cref="Rho"/> is the ctc-segmentation
/// confidence (&lt;= 0; -1 very good, below -2 suspect, -5 the usual cut for training data).
/// </summary>
public sealed record AlignedSegment(
    int Index,
    string Text,
    string NormalizedText,
    double? Start,
    double? End,
    double Rho,
    SegmentStatus Status,
    IReadOnlyList<AlignedWord> Words)
{
    /// <summary>Estimated word error rate of the caption against what the model hears in its audio, when measured.</summary>
    public double? CaptionWer { get; init; }

    /// <summary>Caption times given as hints, when the caption file had them.</summary>
    public double? HintStart { get; init; }

    public double? HintEnd { get; init; }

    /// <summary>What Align-With-Purpose re-ranking changed in this segment, when it ran.</summary>
    public string? RerankNote { get; init; }

    /// <summary>Why the line is low confidence or not aligned (one short sentence), when it is not simply aligned.</summary>
    public string? StatusReason { get; init; }

    /// <summary>
    /// The calibrated probability that the line's start and end are both within 0.5 s of the truth (from the model
    /// package's calibration; null when the model has none or the line was never placed).
    /// </summary>
    public double? PCorrect { get; init; }

    /// <summary>What the aligner saw while placing the line (the evidence p_correct is computed from); null when not placed.</summary>
    public LineFacts? Facts { get; init; }

    /// <summary>The line's feature vector (in <c>LineEvidence.FeatureNames</c> order), kept only when asked for (align --evidence).</summary>
    public IReadOnlyList<double>? Evidence { get; init; }
}
