using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>The acoustic model's log-probabilities for a whole media file, with the model's vocabulary.</summary>
/// <param name="Device">Where the model ran, in a few words ("CPU (CUDA not available)"); null when unknown.</param>
/// <param name="CudaFailure">Why CUDA was not used (ONNX Runtime's message, for --verbose); null when it was, or was not tried.</param>
public sealed record MediaEmissions(EmissionMatrix Emissions, Vocabulary Vocabulary, string? Device = null, string? CudaFailure = null);
