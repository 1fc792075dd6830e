namespace CtcAlign.Acoustic;

/// <summary>Which of a model package's graphs runs: the float one, or an int8 variant listed under "precisions".</summary>
public enum ModelPrecision
{
    /// <summary>The package's int8 graph when it ships one, else model.onnx.</summary>
    Auto,

    /// <summary>model.onnx, float32 throughout.</summary>
    Float32,

    /// <summary>The int8 graph (pointwise convolutions dynamically quantised; made by tools/model/quantize.py).</summary>
    Int8,
}

/// <summary>The names of <see cref="ModelPrecision"/> on the command line and in stored parameters.</summary>
public static class ModelPrecisionNames
{
    public static ModelPrecision Parse(string? text) => (text ?? "auto").Trim().ToLowerInvariant() switch
    {
        "auto" => ModelPrecision.Auto,
        "float32" or "fp32" or "float" => ModelPrecision.Float32,
        "int8" => ModelPrecision.Int8,
        _ => throw new CtcAlignException($"unknown --precision '{text}' (auto, float32 or int8)"),
    };

    public static string Name(ModelPrecision precision) => precision.ToString().ToLowerInvariant();
}
