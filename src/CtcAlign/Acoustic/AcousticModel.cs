using System.Runtime.CompilerServices;
using CtcAlign.Alignment;
using CtcAlign.Audio;

namespace CtcAlign.Acoustic;

/// <summary>
/// A loaded model package ready to turn media files into emissions: decode (any format) -> mono at the model's
/// rate -> overlapping windows -> ONNX -> log-probabilities, streamed block by block.
/// </summary>
public sealed class AcousticModel : IDisposable
{
    private readonly OnnxFrameModel _onnx;

    private AcousticModel(ModelPackage package, OnnxFrameModel onnx, AcousticModelOptions options)
    {
        Package = package;
        _onnx = onnx;
        Options = options;
        Emissions = new EmissionComputer(onnx, package.Description, options.Emission);
    }

    public ModelPackage Package { get; }

    public ModelDescription Description => Package.Description;

    public AcousticModelOptions Options { get; }

    /// <summary>The device in use (CPU or CUDA) and why.</summary>
    public InferenceDevice Device => _onnx.Device;

    public string DeviceNote => _onnx.DeviceNote;

    /// <summary>The graph that runs (float32, or the package's int8 graph).</summary>
    public ModelPrecision Precision => _onnx.Precision;

    /// <summary>Why CUDA was not used under --device auto (ONNX Runtime's message), for --verbose; null otherwise.</summary>
    public string? CudaFailure => _onnx.CudaFailure;

    /// <summary>Ends ONNX Runtime profiling (<see cref="OnnxFrameModelOptions.ProfileFilePrefix"/>) and returns the profile's path.</summary>
    public string EndProfiling() => _onnx.EndProfiling();

    /// <summary>The windowed computer over this model, for callers that bring their own sample stream.</summary>
    public EmissionComputer Emissions { get; }

    /// <summary>Loads and checks a model folder (either layout) and opens an ONNX Runtime session on the chosen device.</summary>
    public static AcousticModel Load(string directory, AcousticModelOptions? options = null)
    {
        options ??= AcousticModelOptions.Default;
        var package = ModelPackage.Load(directory);
        var onnx = OnnxFrameModel.Create(package, options.Onnx);
        return new AcousticModel(package, onnx, options);
    }

    /// <summary>Opens <paramref name="mediaPath"/> at the model's sample rate (mono); the caller disposes it.</summary>
    public DecodedAudio OpenAudio(string mediaPath) =>
        MediaDecoder.Open(mediaPath, Description.SampleRate, Options.Decoder);

    /// <summary>
    /// Streams the emissions of a media file block by block (one block per window, in order). Lazy: the file is
    /// opened on the first MoveNext and closed when the enumeration ends or is disposed. Safe to call from several
    /// threads at once (one ONNX session serves them all).
    /// </summary>
    public IEnumerable<EmissionMatrix> EmissionsOf(string mediaPath, CancellationToken cancellationToken = default)
    {
        using var audio = OpenAudio(mediaPath);
        foreach (var block in Emissions.ComputeBlocks(audio, cancellationToken))
            yield return block;
    }

    /// <summary><see cref="EmissionsOf"/>, running decoding and inference on the thread pool.</summary>
    public async IAsyncEnumerable<EmissionMatrix> EmissionsOfAsync(string mediaPath,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var audio = OpenAudio(mediaPath);
        await foreach (var block in Emissions.ComputeBlocksAsync(audio, cancellationToken).ConfigureAwait(false))
            yield return block;
    }

    /// <summary>All emissions of a (short) media file as one matrix.</summary>
    public EmissionMatrix ComputeEmissions(string mediaPath, CancellationToken cancellationToken = default) =>
        EmissionComputer.Concatenate(EmissionsOf(mediaPath, cancellationToken).ToList(), Description);

    public void Dispose() => _onnx.Dispose();
}
