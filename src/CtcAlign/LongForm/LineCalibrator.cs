using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// p_correct for every placed line (<see cref="LineCalibration"/> over <see cref="LineEvidence"/>), and the statuses
/// from it: aligned when p_correct is at least minP, low_confidence otherwise (with the reason). Lines without times
/// stay not_aligned; so do the lines the rules judge never spoken (rho below the not-aligned cut), and a line on which
/// one of the calibration's vetoes fired (<see cref="LineCalibration.Vetoes"/>: a long pause inside it; in blocks
/// from before the vetoes were stored, also words not heard) is never aligned, whatever its p_correct.
/// </summary>
public static class LineCalibrator
{
    public static double Probability(LineCalibration calibration, IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != calibration.Weights.Count)
            throw new ArgumentException($"{features.Count} features for a calibration of {calibration.Weights.Count}", nameof(features));
        var z = calibration.Intercept;
        for (var i = 0; i < features.Count; i++)
            z += calibration.Weights[i] * (features[i] - calibration.Means[i]) / calibration.Scales[i];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The segments with p_correct and the calibrated statuses (<paramref name="calibration"/> not null), and with their
    /// feature vectors when <paramref name="keepEvidence"/>.
    /// </summary>
    public static IReadOnlyList<AlignedSegment> Apply(IReadOnlyList<AlignedSegment> segments, LineCalibration? calibration,
        double? minP, bool keepEvidence)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (calibration is null && !keepEvidence)
            return segments;
        var threshold = minP ?? calibration?.MinP ?? 0;
        var features = LineEvidence.Build(segments);
        var result = new AlignedSegment[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (features[i] is not { } x)
            {
                result[i] = s;
                continue;
            }
            if (keepEvidence)
                s = s with { Evidence = x };
            if (calibration is not null)
            {
                var p = Probability(calibration, x);
                s = WithStatus(s with { PCorrect = p }, p, threshold, calibration.Vetoes);
            }
            result[i] = s;
        }
        return result;
    }

    /// <summary>
    /// The p_correct a line its caption times placed (<see cref="LineChecks.PlacedByHint"/>) needs for aligned, whatever
    /// --min-p: with the band on and a block fitted with it (ninth session, the training programmes, leave one programme
    /// out), such lines between the default 0.965 and 0.99 were 31 of 34 right, at 0.99 or more 39 of 39.
    /// </summary>
    public const double PlacedByHintMinP = 0.99;

    /// <summary>
    /// The status p_correct gives a placed line (see the class summary), with the rules' reason kept; a line on which one
    /// of <paramref name="vetoes"/> fired is low_confidence whatever its p.
    /// </summary>
    public static AlignedSegment WithStatus(AlignedSegment segment, double p, double minP, LineChecks vetoes = LineCalibration.DefaultVetoes)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Status == SegmentStatus.NotAligned)
            return segment;
        // A veto holds whatever p_correct says. A long pause inside the line (its words cover only part of its audio) is
        // one in every block; words not heard was one too until the fit weighed it as a feature instead: it fires on
        // about a fifth of the right lines of the composed programmes, and the fit keeps the never-spoken ones out.
        var checks = (segment.Facts?.Checks ?? LineChecks.None) & vetoes;
        var notHeard = (checks & LineChecks.NotHeard) != 0;
        var pause = (checks & LineChecks.Pause) != 0;
        var byHint = ((segment.Facts?.Checks ?? LineChecks.None) & LineChecks.PlacedByHint) != 0;
        var bar = byHint ? Math.Max(minP, PlacedByHintMinP) : minP;
        if (p >= bar && !notHeard && !pause)
            return segment with { Status = SegmentStatus.Aligned, StatusReason = null };
        var vetoed = notHeard || pause;
        var why = notHeard
            ? $"p_correct {p:0.00}, but the words were not heard (most likely never spoken)"
            : pause
                ? $"p_correct {p:0.00}, but a long pause splits the line (its words may not all have been said)"
                : byHint && p >= minP
                    ? $"p_correct {p:0.00} below {bar:0.###}, the bar for a line its caption times placed"
                    : $"p_correct {p:0.00} below --min-p {minP:0.###}";
        return segment with
        {
            Status = SegmentStatus.LowConfidence,
            StatusReason = segment.StatusReason is { } rules && !vetoed ? $"{why}; {rules}" : segment.StatusReason is { } r ? $"{why}: {r}" : why,
        };
    }
}
