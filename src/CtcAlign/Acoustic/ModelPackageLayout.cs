namespace CtcAlign.Acoustic;

/// <summary>Which files describe a model folder.</summary>
public enum ModelPackageLayout
{
    /// <summary>model.onnx + ctcalign-model.json.</summary>
    CtcAlign,

    /// <summary>A Hugging Face wav2vec2/MMS CTC export: model.onnx + vocab.json + config.json + preprocessor_config.json.</summary>
    HuggingFace,
}
