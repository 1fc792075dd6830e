using CtcAlign.Acoustic;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Pipeline;

/// <summary>align's --device text ("auto", "cpu", "cuda", "cuda:N") as ONNX Runtime settings; no GPU needed.</summary>
public sealed class DeviceOptionTests
{
    [Theory]
    [InlineData("auto", InferenceDevice.Auto, 0)]
    [InlineData("cpu", InferenceDevice.Cpu, 0)]
    [InlineData("cuda", InferenceDevice.Cuda, 0)]
    [InlineData(" CUDA ", InferenceDevice.Cuda, 0)]
    [InlineData("cuda:0", InferenceDevice.Cuda, 0)]
    [InlineData("cuda:2", InferenceDevice.Cuda, 2)]
    public void A_device_text_gives_the_device_and_the_cuda_id(string text, InferenceDevice device, int id)
    {
        var options = SequentialMediaAligner.OnnxOptions(new AlignerSettings(Device: text));
        Assert.Equal((device, id), (options.Device, options.CudaDeviceId));
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:+1")]
    [InlineData("cuda:1.0")]
    [InlineData("cuda:99999999999")]
    [InlineData("cpu:1")]
    [InlineData("auto:0")]
    public void Anything_else_is_a_one_line_error(string text)
    {
        var ex = Assert.Throws<CtcAlignException>(() => SequentialMediaAligner.OnnxOptions(new AlignerSettings(Device: text)));
        Assert.Equal($"unknown --device '{text}' (auto, cpu, cuda or cuda:N)", ex.Message);
    }
}
