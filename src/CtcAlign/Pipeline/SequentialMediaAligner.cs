using System.Globalization;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// The simple <see cref="IMediaAligner"/>: per file, decode -> acoustic model (windowed, streamed block by block) ->
/// <see cref="CaptionEmissionAligner"/>, in the calling task. Several files may be aligned at once on one instance
/// (one ONNX session serves them all).
/// </summary>
public sealed class SequentialMediaAligner : IMediaAligner
{
    private readonly AcousticModel _model;
    private readonly bool _ownsModel;

    public SequentialMediaAligner(AcousticModel model, AlignerSettings settings, bool ownsModel = false)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _ownsModel = ownsModel;
        Aligner = new CaptionEmissionAligner(model.Description.Vocabulary,
            (settings ?? throw new ArgumentNullException(nameof(settings))).ForModel(model.Description));
    }

    public CaptionEmissionAligner Aligner { get; }

    public AcousticModel Model => _model;

    /// <summary>Loads the model <paramref name="settings"/> name (or the default model) on its device.</summary>
    public static SequentialMediaAligner Load(AlignerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var model = AcousticModel.Load(ModelDirectory(settings.Model), new AcousticModelOptions(Onnx: OnnxOptions(settings)));
        try
        {
            return new SequentialMediaAligner(model, settings, ownsModel: true);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public async Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var audio = _model.OpenAudio(job.AudioPath);
        var blocks = _model.Emissions.ComputeBlocksAsync(audio, cancellationToken);
        return await Aligner.AlignAsync(job, blocks, audio.DurationSeconds, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsModel)
            _model.Dispose();
    }

    /// <summary>The model folder: the given folder, the folder of a given model.onnx, or the default model.</summary>
    public static string ModelDirectory(string? model)
    {
        if (model is not null && File.Exists(model) && string.Equals(Path.GetExtension(model), ".onnx", StringComparison.OrdinalIgnoreCase))
            return Path.GetDirectoryName(Path.GetFullPath(model))!;
        return DefaultModelLocator.Resolve(model);
    }

    /// <summary>ONNX Runtime settings from "auto", "cpu", "cuda" or "cuda:N".</summary>
    public static OnnxFrameModelOptions OnnxOptions(AlignerSettings settings)
    {
        var text = (settings.Device ?? "auto").Trim().ToLowerInvariant();
        var id = 0;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out id))
                throw new CtcAlignException($"unknown --device '{settings.Device}' (auto, cpu, cuda or cuda:N)");
            text = text[..colon];
        }
        var device = text switch
        {
            "auto" when colon < 0 => InferenceDevice.Auto,
            "cpu" when colon < 0 => InferenceDevice.Cpu,
            "cuda" => InferenceDevice.Cuda,
            _ => throw new CtcAlignException($"unknown --device '{settings.Device}' (auto, cpu, cuda or cuda:N)"),
        };
        return new OnnxFrameModelOptions(device, settings.Threads, id, settings.Precision);
    }
}
