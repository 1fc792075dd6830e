using CtcAlign.Acoustic;

namespace CtcAlign.Cli.Verbs;

/// <summary>Prints a model package's description and the device ONNX Runtime would use for it.</summary>
public sealed class ModelInfoCommand(ModelOptions options) : IVerbCommand
{
    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var dir = DefaultModelLocator.Resolve(options.Model);
        using var model = AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(options.Device)));
        var d = model.Description;
        var v = d.Vocabulary;
        var o = console.Out;
        o.WriteLine($"name:           {d.Name}");
        o.WriteLine($"version:        {d.Version ?? "-"}");
        o.WriteLine($"language:       {d.Language ?? "-"}");
        o.WriteLine($"license:        {d.License ?? "-"}");
        o.WriteLine($"provenance:     {d.Provenance ?? "-"}");
        o.WriteLine($"folder:         {model.Package.Directory} ({model.Package.Layout} layout)");
        o.WriteLine($"sample rate:    {d.SampleRate} Hz");
        o.WriteLine($"frame stride:   {d.FrameStrideSamples} samples = {d.FrameSeconds * 1000:0.##} ms");
        o.WriteLine($"output:         {(d.OutputKind == ModelOutputKind.Logits ? "logits (log-softmax applied)" : "log-probabilities")}");
        o.WriteLine($"normalisation:  {(d.Normalization == InputNormalization.None ? "none" : "zero mean, unit variance per window")}");
        o.WriteLine($"vocabulary:     {v.Count} tokens: {string.Join(" ", v.Tokens.Select(Show))}");
        o.WriteLine($"blank:          {v.BlankIndex} {Show(v[v.BlankIndex])}");
        o.WriteLine($"word delimiter: {(v.WordDelimiterIndex is { } w ? $"{w} {Show(v[w])}" : "none")}");
        o.WriteLine($"device:         {model.DeviceNote}");
        o.WriteLine($"precision:      {ModelPrecisionNames.Name(model.Precision)}" +
            (d.Precisions is { Count: > 0 } p ? $" (graphs: float32 {ModelPackage.OnnxFileName}, " + string.Join(", ", p.Select(kv => $"{kv.Key} {kv.Value}")) + ")" : ""));
        if (options.Verbose && model.CudaFailure is not null)
            o.WriteLine($"CUDA:           {model.CudaFailure}");
        return Task.FromResult(ExitCodes.Success);
    }

    private static string Show(string token) => token == " " ? "' '" : token;
}
