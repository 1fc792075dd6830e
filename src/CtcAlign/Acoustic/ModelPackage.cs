namespace CtcAlign.Acoustic;

/// <summary>
/// A model folder on disk: <c>model.onnx</c> plus either <c>ctcalign-model.json</c> or the Hugging Face
/// wav2vec2/MMS files. <see cref="Load"/> reads and checks the description; the ONNX graph itself is checked
/// against it by <see cref="OnnxFrameModel.Create"/>.
/// </summary>
public sealed class ModelPackage
{
    public const string OnnxFileName = "model.onnx";
    public const string DescriptionFileName = "ctcalign-model.json";

    private ModelPackage(string directory, ModelPackageLayout layout, ModelDescription description)
    {
        Directory = directory;
        Layout = layout;
        Description = description;
    }

    public string Directory { get; }

    public string OnnxPath => Path.Combine(Directory, OnnxFileName);

    /// <summary>The precision <paramref name="requested"/> comes to: <see cref="ModelPrecision.Auto"/> is int8 where the package ships it.</summary>
    public ModelPrecision Resolve(ModelPrecision requested)
    {
        var hasInt8 = Description.Precisions?.ContainsKey("int8") == true;
        return requested switch
        {
            ModelPrecision.Auto => hasInt8 ? ModelPrecision.Int8 : ModelPrecision.Float32,
            ModelPrecision.Int8 when !hasInt8 => throw new ModelLoadException(
                $"Model '{Description.Name}' has no int8 graph (make one with tools/model/quantize.py --model {Directory}); use --precision float32."),
            _ => requested,
        };
    }

    /// <summary>The ONNX file that runs at <paramref name="precision"/> (after <see cref="Resolve"/>).</summary>
    public string OnnxPathFor(ModelPrecision precision)
    {
        if (Resolve(precision) == ModelPrecision.Float32)
            return OnnxPath;
        var path = Path.Combine(Directory, Description.Precisions!["int8"]);
        return File.Exists(path) ? path : throw new ModelLoadException(
            $"Model folder '{Directory}' lists {Description.Precisions["int8"]} as its int8 graph, but the file is missing.");
    }

    public ModelPackageLayout Layout { get; }

    public ModelDescription Description { get; }

    public static ModelPackage Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var dir = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(dir))
            throw new ModelLoadException($"Model folder '{directory}' does not exist.");
        if (!File.Exists(Path.Combine(dir, OnnxFileName)))
            throw new ModelLoadException($"Model folder '{directory}' has no {OnnxFileName}.");
        if (File.Exists(Path.Combine(dir, DescriptionFileName)))
            return new ModelPackage(dir, ModelPackageLayout.CtcAlign,
                CheckCalibration(CtcAlignModelJson.Read(Path.Combine(dir, DescriptionFileName)), Path.Combine(dir, OnnxFileName)));
        if (File.Exists(Path.Combine(dir, "vocab.json")) || File.Exists(Path.Combine(dir, "config.json")))
            return new ModelPackage(dir, ModelPackageLayout.HuggingFace, HuggingFaceModelFolder.Read(dir));
        throw new ModelLoadException(
            $"Model folder '{directory}' has {OnnxFileName} but no description: add {DescriptionFileName}, or the Hugging Face vocab.json, config.json and preprocessor_config.json.");
    }

    /// <summary>
    /// A calibration fitted for another model.onnx (its model_sha256 differs) is not used: p_correct depends on the
    /// acoustic model's scores. The description then says why in <see cref="ModelDescription.CalibrationNote"/>.
    /// </summary>
    private static ModelDescription CheckCalibration(ModelDescription description, string onnxPath)
    {
        if (description.Calibration?.ModelSha256 is not { } fitted)
            return description;
        string hash;
        using (var stream = new FileStream(onnxPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        if (string.Equals(hash, fitted, StringComparison.OrdinalIgnoreCase))
            return description;
        return description with
        {
            Calibration = null,
            CalibrationNote = $"the calibration in {DescriptionFileName} was fitted for model.onnx sha256 {fitted[..Math.Min(12, fitted.Length)]}, "
                + $"this model.onnx is {hash[..12]}: no p_correct, rule statuses (refit with tools/calibrate/fit.sh)",
        };
    }
}
