namespace CtcAlign.Acoustic;

/// <summary>
/// The network behind emissions: audio windows in, per-frame scores out. <see cref="OnnxFrameModel"/> runs an
/// ONNX model; tests and other stages may use fakes.
/// </summary>
public interface IFrameModel
{
    int VocabularySize { get; }

    /// <summary>
    /// Runs <paramref name="windows"/> windows of <paramref name="windowSamples"/> samples each, laid end to end in
    /// <paramref name="samples"/> (already normalised). Every window gives the same number of frames.
    /// </summary>
    FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples);
}
