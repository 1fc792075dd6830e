using CommandLine;
using CtcAlign.Acoustic;

namespace CtcAlign.Cli.Verbs;

/// <summary>The options of the verbs that run the acoustic model on their own (emissions, transcribe): which model, where, how.</summary>
public abstract class ModelRunOptions
{
    [Option('m', "model", HelpText = "Model folder (ctcalign-model.json or Hugging Face layout). Default: $CTCALIGN_MODEL, else models/default.")]
    public string? Model { get; set; }

    [Option("device", Default = InferenceDevice.Auto, HelpText = "auto (CUDA if it loads, else CPU), cpu or cuda.")]
    public InferenceDevice Device { get; set; }

    [Option("threads", Default = 0, HelpText = "ONNX Runtime intra-op threads (0 = one per core).")]
    public int Threads { get; set; }

    [Option("precision", Default = "auto", HelpText = "auto (the model's int8 graph on CPU where it ships one, else float32), float32 or int8.")]
    public string? Precision { get; set; }

    /// <summary>ONNX Runtime settings from these options.</summary>
    public OnnxFrameModelOptions OnnxOptions() => new(Device, Threads, Precision: ModelPrecisionNames.Parse(Precision));
}
