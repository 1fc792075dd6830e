namespace CtcAlign.Acoustic;

/// <summary>
/// How long audio is cut into inference windows. Each window is <see cref="WindowSeconds"/> of kept audio plus
/// <see cref="ContextSeconds"/> on each side (both rounded to whole frames); only the kept frames are emitted,
/// so neighbouring windows join with no duplicate or missing frame.
/// </summary>
/// <param name="BatchSize">Full-length windows run together in one ONNX Run.</param>
public sealed record EmissionOptions(double WindowSeconds = 30, double ContextSeconds = 2, int BatchSize = 4)
{
    public static EmissionOptions Default { get; } = new();
}
