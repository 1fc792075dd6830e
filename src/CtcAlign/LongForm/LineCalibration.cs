using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A fitted logistic regression from <see cref="LineEvidence"/> features to p_correct (the model package's
/// <c>calibration</c> block, written by tools/calibrate/fit.sh): p = 1 / (1 + exp(-(Intercept + sum_i Weights[i] *
/// (x_i - Means[i]) / Scales[i]))). <see cref="MinP"/> is the default --min-p, chosen on the fit's curve so that at
/// least 99% of the lines it accepts are right. <see cref="ModelSha256"/> is the model.onnx it was fitted for.
/// <see cref="Vetoes"/> are the rule checks that keep a line from aligned whatever its p_correct (the block's
/// <c>vetoes</c>; a block without them, from before they were stored, keeps words not heard and a long pause).
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
    /// <summary>The vetoes of a block that does not name them: the two checks every block had before they were stored.</summary>
    public const LineChecks DefaultVetoes = LineChecks.NotHeard | LineChecks.Pause;

    /// <summary>The checks that can be vetoes, by their name in the block.</summary>
    public static readonly IReadOnlyDictionary<string, LineChecks> VetoNames = new Dictionary<string, LineChecks>(StringComparer.Ordinal)
    {
        ["not_heard"] = LineChecks.NotHeard,
        ["pause"] = LineChecks.Pause,
    };

    /// <summary>
    /// The rule checks that keep a line from aligned whatever its p_correct (<see cref="LineCalibrator.WithStatus"/>);
    /// the fit chose <see cref="MinP"/> with them.
    /// </summary>
    public LineChecks Vetoes { get; init; } = DefaultVetoes;

    /// <summary>
    /// A short hash (16 hex digits of SHA-256) of everything that decides p_correct and the statuses: the features, means,
    /// scales, weights, intercept, min_p, the model.onnx it was fitted for and the vetoes (only when not
    /// <see cref="DefaultVetoes"/>, so the fingerprint of a block from before they were stored stays). Part of align's
    /// skip key, so a refit realigns without --force.
    /// </summary>
    public string Fingerprint()
    {
        static string Numbers(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var text = string.Join("\n", string.Join(",", FeatureNames), Numbers(Means), Numbers(Scales), Numbers(Weights),
            Numbers([Intercept, MinP]), ModelSha256 ?? "");
        if (Vetoes != DefaultVetoes)
            text += "\nvetoes " + (int)Vetoes;
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>True when the block was fitted over the features this build computes (<see cref="LineEvidence.FeatureNames"/>, in order).</summary>
    public bool FitsThisBuild => FeatureNames.SequenceEqual(LineEvidence.FeatureNames);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the block is well formed (whether it fits this build's features is
    /// <see cref="FitsThisBuild"/>).
    /// </summary>
    public void Validate()
    {
        if (Means.Count != FeatureNames.Count || Scales.Count != FeatureNames.Count || Weights.Count != FeatureNames.Count)
            throw new ArgumentException($"the calibration needs {FeatureNames.Count} means, scales and weights (one per feature)");
        if (Means.Concat(Weights).Append(Intercept).Any(v => !double.IsFinite(v)) || Scales.Any(v => !(v > 0) || !double.IsFinite(v)))
            throw new ArgumentException("the calibration's numbers must be finite and its scales positive");
        if ((Vetoes & ~DefaultVetoes) != 0)
            throw new ArgumentException($"the calibration's vetoes can only be {string.Join(" and ", VetoNames.Keys)}");
        if (!(MinP >= 0 && MinP <= 1))
            throw new ArgumentException($"the calibration's min_p must be from 0 to 1 (got {MinP})");
    }
}
