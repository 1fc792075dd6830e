using CtcAlign.LongForm;
using CtcAlign.Text;

namespace CtcAlign.Acoustic;

/// <summary>
/// Everything CtcAlign needs to know about a CTC acoustic model besides its weights.
/// </summary>
/// <param name="InputName">ONNX input holding audio [batch, samples]; null = the model's first input.</param>
/// <param name="OutputName">ONNX output holding [batch, frames, vocabulary]; null = the model's first output.</param>
/// <param name="Precisions">Other graphs of the same model by precision name ("int8"), file names in the package folder.</param>
public sealed record ModelDescription(
    string Name,
    int SampleRate,
    int FrameStrideSamples,
    Vocabulary Vocabulary,
    ModelOutputKind OutputKind,
    InputNormalization Normalization,
    string? InputName = null,
    string? OutputName = null,
    string? Version = null,
    string? Language = null,
    string? License = null,
    string? Provenance = null,
    BoundaryRules? BoundaryRules = null,
    IReadOnlyDictionary<string, string>? Precisions = null,
    LineCalibration? Calibration = null)
{
    /// <summary>Why the package's calibration is not used (fitted for another model.onnx), when it is not.</summary>
    public string? CalibrationNote { get; init; }

    /// <summary>Duration of one output frame in seconds (the model's stride).</summary>
    public double FrameSeconds => FrameStrideSamples / (double)SampleRate;
}
