namespace CtcAlign.Acoustic;

/// <summary>Options of <see cref="AcousticModel.Load"/>: ONNX Runtime settings, windowing, and how media is decoded.</summary>
public sealed record AcousticModelOptions(
    OnnxFrameModelOptions? Onnx = null,
    EmissionOptions? Emission = null,
    Audio.MediaDecoderOptions? Decoder = null)
{
    public static AcousticModelOptions Default { get; } = new();
}
