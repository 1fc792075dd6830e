namespace CtcAlign.Acoustic;

/// <summary>How ONNX Runtime runs a model.</summary>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ONNX Runtime's default (one per physical core).</param>
/// <param name="Precision">Which of the package's graphs runs (int8 where it ships one, by default).</param>
/// <param name="ProfileFilePrefix">When set, ONNX Runtime writes a JSON profile of every operator run to a file
/// starting with this prefix (for the benchmarks; <see cref="OnnxFrameModel.EndProfiling"/> names it).</param>
public sealed record OnnxFrameModelOptions(
    InferenceDevice Device = InferenceDevice.Auto, int IntraOpThreads = 0, int CudaDeviceId = 0, ModelPrecision Precision = ModelPrecision.Auto,
    string? ProfileFilePrefix = null)
{
    public static OnnxFrameModelOptions Default { get; } = new();
}
