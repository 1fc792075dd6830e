namespace CtcAlign.Pipeline;

/// <summary>
/// What the align command asks of an aligner. <see cref="Threshold"/> is the rho at or above which a placed
/// line counts as aligned (below: low confidence). <see cref="Model"/> null means the default model.
/// </summary>
/// <param name="Model">Path of an ONNX CTC model (with its vocabulary next to it), or null for the default model.</param>
/// <param name="Device">"auto", "cpu" or "cuda" (optionally "cuda:N").</param>
/// <param name="Jobs">How many media files may be aligned at once.</param>
/// <param name="Threshold">Acceptance threshold on rho.</param>
public sealed record AlignerSettings(string? Model = null, string Device = "auto", int Jobs = 1, double Threshold = -2.0);
