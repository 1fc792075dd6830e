using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace CtcAlign.Acoustic;

/// <summary>
/// An ONNX Runtime session over a <see cref="ModelPackage"/>: audio [batch, samples] in,
/// [batch, frames, vocabulary] out. <see cref="Create"/> checks the graph against the package description.
/// </summary>
public sealed class OnnxFrameModel : IFrameModel, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly string? _attentionMaskName;
    private readonly int _fixedBatch;

    private OnnxFrameModel(InferenceSession session, string inputName, string outputName, string? attentionMaskName,
        int fixedBatch, int vocabularySize, InferenceDevice device, string? cudaFailure, int cudaDeviceId, ModelPrecision precision)
    {
        Precision = precision;
        _session = session;
        _fixedBatch = fixedBatch;
        _inputName = inputName;
        _outputName = outputName;
        _attentionMaskName = attentionMaskName;
        VocabularySize = vocabularySize;
        Device = device;
        CudaFailure = cudaFailure;
        DeviceNote = DescribeDevice(device, cudaFailure, cudaDeviceId);
    }

    public int VocabularySize { get; }

    /// <summary>The device actually used: <see cref="InferenceDevice.Cpu"/> or <see cref="InferenceDevice.Cuda"/>.</summary>
    public InferenceDevice Device { get; }

    /// <summary>The graph that runs: <see cref="ModelPrecision.Float32"/> or <see cref="ModelPrecision.Int8"/>.</summary>
    public ModelPrecision Precision { get; }

    /// <summary>The device in a few words: "CUDA device 0", "CPU (requested)" or "CPU (CUDA not available)".</summary>
    public string DeviceNote { get; }

    /// <summary>With --device auto on CPU: the first line of ONNX Runtime's reason for not using CUDA (for --verbose); else null.</summary>
    public string? CudaFailure { get; }

    /// <summary>
    /// The short device note. ONNX Runtime's reason for not loading CUDA is a long provider-bridge line that a machine
    /// without an NVIDIA GPU gives on every run; it is kept apart (<see cref="CudaFailure"/>) for --verbose.
    /// </summary>
    public static string DescribeDevice(InferenceDevice device, string? cudaFailure, int cudaDeviceId = 0) => device switch
    {
        InferenceDevice.Cuda => $"CUDA device {cudaDeviceId}",
        _ when cudaFailure is not null => "CPU (CUDA not available)",
        _ => "CPU (requested)",
    };

    public static OnnxFrameModel Create(ModelPackage package, OnnxFrameModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        options ??= OnnxFrameModelOptions.Default;
        var (session, device, cudaFailure, precision) = OpenSession(package, options);
        try
        {
            var d = package.Description;
            var inputs = session.InputMetadata;
            var outputs = session.OutputMetadata;
            var inputName = d.InputName ?? inputs.Keys.First(k => k != "attention_mask");
            if (!inputs.TryGetValue(inputName, out var input))
                throw new ModelLoadException($"model.onnx has no input '{inputName}' (it has {string.Join(", ", inputs.Keys)}).");
            if (input.Dimensions.Length != 2)
                throw new ModelLoadException(
                    $"model.onnx input '{inputName}' has rank {input.Dimensions.Length} [{Dims(input.Dimensions)}]; CtcAlign needs rank 2 [batch, samples].");
            if (input.Dimensions[1] > 0)
                throw new ModelLoadException(
                    $"model.onnx input '{inputName}' has a fixed length of {input.Dimensions[1]} samples; export it with a dynamic samples axis.");
            if (input.ElementType != typeof(float))
                throw new ModelLoadException($"model.onnx input '{inputName}' is {input.ElementType.Name}; CtcAlign needs float audio.");
            var outputName = d.OutputName ?? outputs.Keys.First();
            if (!outputs.TryGetValue(outputName, out var output))
                throw new ModelLoadException($"model.onnx has no output '{outputName}' (it has {string.Join(", ", outputs.Keys)}).");
            if (output.Dimensions.Length != 3)
                throw new ModelLoadException(
                    $"model.onnx output '{outputName}' has rank {output.Dimensions.Length} [{Dims(output.Dimensions)}]; CtcAlign needs rank 3 [batch, frames, vocabulary].");
            var vocab = d.Vocabulary.Count;
            if (output.Dimensions[2] > 0 && output.Dimensions[2] != vocab)
                throw new ModelLoadException(
                    $"Vocabulary size {vocab} does not match the model's output dimension {output.Dimensions[2]} (output '{outputName}').");
            string? mask = null;
            foreach (var other in inputs.Keys.Where(k => k != inputName))
                mask = other == "attention_mask"
                    ? other
                    : throw new ModelLoadException($"model.onnx has an input '{other}' that CtcAlign cannot fill (only audio and attention_mask).");
            return new OnnxFrameModel(session, inputName, outputName, mask, Math.Max(0, input.Dimensions[0]), vocab, device, cudaFailure, options.CudaDeviceId, precision);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static string Dims(int[] dims) => string.Join(", ", dims.Select(x => x < 0 ? "?" : x.ToString()));

    /// <summary>
    /// The graph that runs on <paramref name="device"/> for the requested precision. Auto means int8 on the CPU only
    /// (where the package ships one): on a GPU the float graph is fast already, and ONNX Runtime's CUDA provider would
    /// run the dynamic quantisation nodes on the CPU. An explicit float32 or int8 is kept on either device.
    /// </summary>
    public static ModelPrecision PrecisionOn(InferenceDevice device, ModelPrecision requested, ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var resolved = package.Resolve(requested); // an int8 request without an int8 graph is an error on either device
        return device == InferenceDevice.Cuda && requested == ModelPrecision.Auto ? ModelPrecision.Float32 : resolved;
    }

    /// <summary>How a --device cuda choice is named in messages: "cuda" for device 0, else "cuda:N".</summary>
    public static string CudaDeviceName(int cudaDeviceId) =>
        cudaDeviceId == 0 ? "cuda" : string.Create(CultureInfo.InvariantCulture, $"cuda:{cudaDeviceId}");

    private static (InferenceSession, InferenceDevice, string?, ModelPrecision) OpenSession(ModelPackage package, OnnxFrameModelOptions options)
    {
        var cpuPrecision = PrecisionOn(InferenceDevice.Cpu, options.Precision, package);
        var gpuPrecision = PrecisionOn(InferenceDevice.Cuda, options.Precision, package);
        // ONNX Runtime logs a failed CUDA load to stderr itself; the reason is reported here instead.
        OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        string? cudaFailure = null;
        if (options.Device is InferenceDevice.Auto or InferenceDevice.Cuda)
        {
            using var cudaOptions = CreateOptions(options);
            try
            {
                // cuDNN's default EXHAUSTIVE search times every convolution algorithm for each new input shape; the
                // last window of each file has a length of its own, so a batch of files would pay it per file.
                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = options.CudaDeviceId.ToString(CultureInfo.InvariantCulture),
                    ["cudnn_conv_algo_search"] = "HEURISTIC",
                });
                cudaOptions.AppendExecutionProvider_CUDA(cuda);
                var session = new InferenceSession(package.OnnxPathFor(gpuPrecision), cudaOptions);
                return (session, InferenceDevice.Cuda, null, gpuPrecision);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
            {
                cudaFailure = FirstLine(ex.Message);
                if (options.Device == InferenceDevice.Cuda)
                    throw new ModelLoadException(
                        $"--device {CudaDeviceName(options.CudaDeviceId)}: the CUDA execution provider cannot be used ({cudaFailure}); it needs an NVIDIA GPU with the CUDA 13 runtime, cuBLAS and cuDNN 9 on the library path. Use --device auto or cpu.", ex);
            }
        }
        using var cpuOptions = CreateOptions(options);
        try
        {
            var session = new InferenceSession(package.OnnxPathFor(cpuPrecision), cpuOptions);
            return (session, InferenceDevice.Cpu, cudaFailure, cpuPrecision);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"model.onnx cannot be loaded by ONNX Runtime: {FirstLine(ex.Message)}", ex);
        }
    }

    private static SessionOptions CreateOptions(OnnxFrameModelOptions options)
    {
        var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        if (options.IntraOpThreads > 0)
            so.IntraOpNumThreads = options.IntraOpThreads;
        so.InterOpNumThreads = 1;
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0"); // other stages share the cores: do not spin between operators
        if (options.ProfileFilePrefix is { } prefix)
        {
            so.ProfileOutputPathPrefix = prefix; // before EnableProfiling, which passes the prefix to ONNX Runtime
            so.EnableProfiling = true;
        }
        return so;
    }

    private static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n')[0].Trim();

    public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSamples);
        if (samples.Length != windows * windowSamples)
            throw new ArgumentException($"Got {samples.Length} samples for {windows} windows of {windowSamples}.", nameof(samples));
        if (Precision == ModelPrecision.Int8 && _fixedBatch == 0 && windows > 1)
            return RunEachWindow(samples, windows, windowSamples);
        if (_fixedBatch == 0 || _fixedBatch == windows)
            return RunOnce(samples.ToArray(), windows, windowSamples);

        // A graph exported with a fixed batch size: run it in groups of that size, zero-padding the last group.
        float[]? values = null;
        var frames = 0;
        for (var first = 0; first < windows; first += _fixedBatch)
        {
            var group = new float[_fixedBatch * windowSamples];
            var real = Math.Min(_fixedBatch, windows - first);
            samples.Slice(first * windowSamples, real * windowSamples).CopyTo(group);
            var output = RunOnce(group, _fixedBatch, windowSamples);
            frames = output.FramesPerWindow;
            values ??= new float[windows * frames * VocabularySize];
            output.Values.AsSpan(0, real * frames * VocabularySize).CopyTo(values.AsSpan(first * frames * VocabularySize));
        }
        return new FrameBatch(values!, windows, frames, VocabularySize);
    }

    // The int8 graph quantises activations per call (DynamicQuantizeLinear: one scale for the whole tensor), so windows
    // run together would share a scale and a window's emissions would depend on its batch mates: on which windows the
    // pipeline happened to have ready, and on where the audio sits in the file. One call per window keeps each window's
    // emissions a function of its own samples; the cost is within the bench's noise (batch 4 against 2: 0.95x).
    private FrameBatch RunEachWindow(ReadOnlySpan<float> samples, int windows, int windowSamples)
    {
        float[]? values = null;
        var frames = 0;
        for (var w = 0; w < windows; w++)
        {
            var output = RunOnce(samples.Slice(w * windowSamples, windowSamples).ToArray(), 1, windowSamples);
            frames = output.FramesPerWindow;
            values ??= new float[windows * frames * VocabularySize];
            output.Values.AsSpan(0, frames * VocabularySize).CopyTo(values.AsSpan(w * frames * VocabularySize));
        }
        return new FrameBatch(values!, windows, frames, VocabularySize);
    }

    private FrameBatch RunOnce(float[] data, int windows, int windowSamples)
    {
        long[] shape = [windows, windowSamples];
        using var audio = OrtValue.CreateTensorValueFromMemory(data, shape);
        var names = new List<string> { _inputName };
        var values = new List<OrtValue> { audio };
        OrtValue? mask = null;
        try
        {
            if (_attentionMaskName is not null)
            {
                var ones = new long[data.Length];
                Array.Fill(ones, 1L);
                mask = OrtValue.CreateTensorValueFromMemory(ones, shape);
                names.Add(_attentionMaskName);
                values.Add(mask);
            }
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, values, [_outputName]);
            var output = results[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            if (outShape.Length != 3 || outShape[0] != windows || outShape[2] != VocabularySize)
                throw new ModelLoadException(
                    $"model.onnx output '{_outputName}' has shape [{string.Join(", ", outShape)}]; expected [{windows}, frames, {VocabularySize}].");
            var frames = (int)outShape[1];
            return new FrameBatch(output.GetTensorDataAsSpan<float>().ToArray(), windows, frames, VocabularySize);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"model.onnx failed on {windows} window(s) of {windowSamples} samples: {FirstLine(ex.Message)}", ex);
        }
        finally
        {
            mask?.Dispose();
        }
    }

    /// <summary>Stops ONNX Runtime's profiling (<see cref="OnnxFrameModelOptions.ProfileFilePrefix"/>) and returns the profile's path.</summary>
    public string EndProfiling() => _session.EndProfiling();

    public void Dispose() => _session.Dispose();
}
