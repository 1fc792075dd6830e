namespace CtcAlign.Acoustic;

/// <summary>How ONNX Runtime runs a model.</summary>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ONNX Runtime's default (one per physical core).</param>
public sealed record OnnxFrameModelOptions(InferenceDevice Device = InferenceDevice.Auto, int IntraOpThreads = 0, int CudaDeviceId = 0)
{
    public static OnnxFrameModelOptions Default { get; } = new();
}
