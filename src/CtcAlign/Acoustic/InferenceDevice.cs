namespace CtcAlign.Acoustic;

/// <summary>Where ONNX Runtime runs the model. Auto tries CUDA and falls back to the CPU.</summary>
public enum InferenceDevice
{
    Auto,
    Cpu,
    Cuda,
}
