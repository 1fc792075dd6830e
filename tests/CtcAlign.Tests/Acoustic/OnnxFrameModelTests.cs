using CtcAlign.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

public sealed class OnnxFrameModelTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private static OnnxFrameModel Cpu(string dir) =>
        OnnxFrameModel.Create(ModelPackage.Load(dir), new OnnxFrameModelOptions(InferenceDevice.Cpu, IntraOpThreads: 1));

    [Fact]
    public void Runs_batches_of_windows_on_the_cpu()
    {
        using var model = Cpu(ModelFixtures.CtcAlignPackage);
        var audio = TestAudioSource.Noise(2 * 6400);

        var batch = model.Run(audio, 2, 6400);
        var single = model.Run(audio.AsSpan(6400, 6400), 1, 6400);

        Assert.Equal(InferenceDevice.Cpu, model.Device);
        Assert.Equal("CPU (requested)", model.DeviceNote);
        Assert.Equal((2, 20, 5), (batch.Windows, batch.FramesPerWindow, batch.VocabularySize));
        Assert.Equal(single.Values, batch.Window(1).ToArray());
    }

    [Fact]
    public void Both_layouts_of_the_same_network_give_the_same_output()
    {
        using var a = Cpu(ModelFixtures.CtcAlignPackage);
        using var b = Cpu(ModelFixtures.HuggingFacePackage);
        var audio = TestAudioSource.Noise(16000);

        Assert.Equal(a.Run(audio, 1, audio.Length).Values, b.Run(audio, 1, audio.Length).Values);
    }

    [Fact]
    public void Vocabulary_that_differs_from_the_output_dimension_is_refused()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.HuggingFacePackage, _media, "v4");
        File.WriteAllText(Path.Combine(dir, "vocab.json"), """{"<pad>": 0, "|": 1, "A": 2, "B": 3}""");

        var ex = Assert.Throws<ModelLoadException>(() => Cpu(dir));
        Assert.Equal("Vocabulary size 4 does not match the model's output dimension 5 (output 'logits').", ex.Message);
    }

    [Fact]
    public void Wrong_input_rank_is_refused()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "rank3");
        File.Copy(ModelFixtures.Rank3Onnx, Path.Combine(dir, "model.onnx"), overwrite: true);

        var ex = Assert.Throws<ModelLoadException>(() => Cpu(dir));
        Assert.Equal("model.onnx input 'audio' has rank 3 [?, 1, ?]; CtcAlign needs rank 2 [batch, samples].", ex.Message);
    }

    [Fact]
    public void A_graph_with_a_fixed_batch_of_one_runs_batches_window_by_window()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "batch1");
        File.Copy(Path.Combine(ModelFixtures.Root, "batch1.onnx"), Path.Combine(dir, "model.onnx"), overwrite: true);
        using var fixedBatch = Cpu(dir);
        using var dynamic = Cpu(ModelFixtures.CtcAlignPackage);
        var audio = TestAudioSource.Noise(3 * 3200);

        Assert.Equal(dynamic.Run(audio, 3, 3200).Values, fixedBatch.Run(audio, 3, 3200).Values);
    }

    [Fact]
    public void Input_name_missing_from_the_graph_is_refused()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "names");
        var json = Path.Combine(dir, ModelPackage.DescriptionFileName);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"input_name\": \"audio\"", "\"input_name\": \"waveform\""));

        var ex = Assert.Throws<ModelLoadException>(() => Cpu(dir));
        Assert.Equal("model.onnx has no input 'waveform' (it has audio).", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused()
    {
        var dir = ModelFixtures.CopyOf(ModelFixtures.CtcAlignPackage, _media, "garbage");
        File.WriteAllText(Path.Combine(dir, "model.onnx"), "not a protobuf");

        var ex = Assert.Throws<ModelLoadException>(() => Cpu(dir));
        Assert.StartsWith("model.onnx cannot be loaded by ONNX Runtime: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Cuda_is_used_or_refused_with_a_reason_and_auto_always_runs()
    {
        var package = ModelPackage.Load(ModelFixtures.CtcAlignPackage);
        using var auto = OnnxFrameModel.Create(package, new OnnxFrameModelOptions(InferenceDevice.Auto));
        Assert.Equal(20, auto.Run(TestAudioSource.Noise(6400), 1, 6400).FramesPerWindow);

        if (auto.Device == InferenceDevice.Cuda)
        {
            using var cuda = OnnxFrameModel.Create(package, new OnnxFrameModelOptions(InferenceDevice.Cuda));
            Assert.Equal(InferenceDevice.Cuda, cuda.Device);
            Assert.Equal(("CUDA device 0", null), (auto.DeviceNote, auto.CudaFailure));
        }
        else
        {
            Assert.Equal("CPU (CUDA not available)", auto.DeviceNote); // ONNX Runtime's long reason only with --verbose
            Assert.False(string.IsNullOrWhiteSpace(auto.CudaFailure));
            var ex = Assert.Throws<ModelLoadException>(() => OnnxFrameModel.Create(package, new OnnxFrameModelOptions(InferenceDevice.Cuda)));
            Assert.StartsWith("--device cuda: the CUDA execution provider cannot be used (", ex.Message);
            Assert.DoesNotContain('\n', ex.Message);
            var second = Assert.Throws<ModelLoadException>(() => OnnxFrameModel.Create(package, new OnnxFrameModelOptions(InferenceDevice.Cuda, CudaDeviceId: 1)));
            Assert.StartsWith("--device cuda:1: the CUDA execution provider cannot be used (", second.Message);
        }
    }

    [Fact]
    public void The_device_note_is_short_and_the_cuda_failure_kept_apart()
    {
        Assert.Equal("CPU (CUDA not available)", OnnxFrameModel.DescribeDevice(InferenceDevice.Cpu, "[ErrorCode:Fail] provider_bridge_ort.cc:2043 ..."));
        Assert.Equal("CPU (requested)", OnnxFrameModel.DescribeDevice(InferenceDevice.Cpu, null));
        Assert.Equal("CUDA device 1", OnnxFrameModel.DescribeDevice(InferenceDevice.Cuda, null, 1));
        Assert.Equal(("cuda", "cuda:3"), (OnnxFrameModel.CudaDeviceName(0), OnnxFrameModel.CudaDeviceName(3)));
    }
}
