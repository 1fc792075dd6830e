using CommandLine;
using CommandLine.Text;
using CtcAlign.Acoustic;

namespace CtcAlign.Cli.Verbs;

[Verb("model", HelpText = "Model commands: `model info` describes a model folder and the device it would run on.")]
public sealed class ModelOptions : IVerbOptions
{
    [Value(0, MetaName = "action", Required = true, HelpText = "info")]
    public string Action { get; set; } = "";

    [Option('m', "model", HelpText = "Model folder. Default: $CTCALIGN_MODEL, else models/default.")]
    public string? Model { get; set; }

    [Option("device", Default = InferenceDevice.Auto, HelpText = "auto, cpu or cuda: the device to try.")]
    public InferenceDevice Device { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Describe the default model", new ModelOptions { Action = "info" }),
        new("Describe a Hugging Face wav2vec2 folder exported to ONNX", new ModelOptions { Action = "info", Model = "models/wav2vec2-base-960h-onnx" }),
    ];

    public IVerbCommand CreateCommand() => Action switch
    {
        "info" => new ModelInfoCommand(this),
        _ => new FailingCommand($"model: unknown action '{Action}'; the only action is `model info`."),
    };

    private sealed class FailingCommand(string message) : IVerbCommand
    {
        public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken) => throw new CtcAlignException(message);
    }
}
