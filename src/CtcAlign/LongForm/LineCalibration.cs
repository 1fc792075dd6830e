namespace CtcAlign.LongForm;

/// <summary>
/// A fitted logistic regression from <see cref="LineEvidence"/> features to p_correct (the model package's
/// <c>calibration</c> block, written by tools/calibrate/fit.sh): p = 1 / (1 + exp(-(Intercept + sum_i Weights[i] *
/// (x_i - Means[i]) / Scales[i]))). <see cref="MinP"/> is the default --min-p, chosen on the fit's curve so that at
/// least 99% of the lines it accepts are right. <see cref="ModelSha256"/> is the model.onnx it was fitted for.
/// </summary>
public sealed record LineCalibration(
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<double> Means,
    IReadOnlyList<double> Scales,
    IReadOnlyList<double> Weights,
    double Intercept,
    double MinP,
    string? ModelSha256 = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the block fits this build's features and is well formed.</summary>
    public void Validate()
    {
        if (!FeatureNames.SequenceEqual(LineEvidence.FeatureNames))
            throw new ArgumentException(
                $"the calibration was fitted over the features [{string.Join(", ", FeatureNames)}] but this ctcalign computes "
                + $"[{string.Join(", ", LineEvidence.FeatureNames)}]: refit it with tools/calibrate/fit.sh");
        if (Means.Count != FeatureNames.Count || Scales.Count != FeatureNames.Count || Weights.Count != FeatureNames.Count)
            throw new ArgumentException($"the calibration needs {FeatureNames.Count} means, scales and weights (one per feature)");
        if (Means.Concat(Weights).Append(Intercept).Any(v => !double.IsFinite(v)) || Scales.Any(v => !(v > 0) || !double.IsFinite(v)))
            throw new ArgumentException("the calibration's numbers must be finite and its scales positive");
        if (!(MinP >= 0 && MinP <= 1))
            throw new ArgumentException($"the calibration's min_p must be from 0 to 1 (got {MinP})");
    }
}
