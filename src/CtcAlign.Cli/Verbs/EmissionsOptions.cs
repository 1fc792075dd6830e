using CommandLine;
using CommandLine.Text;
using CtcAlign.Acoustic;

namespace CtcAlign.Cli.Verbs;

[Verb("emissions", HelpText = "Write a media file's CTC log-probabilities as a float32 NumPy .npy [frames, vocabulary] plus a .json description beside it.")]
public sealed class EmissionsOptions : ModelRunOptions, IVerbOptions
{
    [Value(0, MetaName = "media", Required = true, HelpText = "Audio or video file (WAV, AIFF, MP3; anything else through ffmpeg).")]
    public string Media { get; set; } = "";

    [Option('o', "out", Required = true, HelpText = "Output .npy path; the .json goes beside it with the same name.")]
    public string Out { get; set; } = "";

    [Option("window", Default = 30.0, HelpText = "Seconds of audio kept from each inference window.")]
    public double WindowSeconds { get; set; }

    [Option("context", Default = 2.0, HelpText = "Seconds of extra audio on each side of a window.")]
    public double ContextSeconds { get; set; }

    [Option("batch", Default = 4, HelpText = "Windows per ONNX Runtime call.")]
    public int BatchSize { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Emissions of a WAV with the default model", new EmissionsOptions { Media = "talk.wav", Out = "talk.npy" }),
        new("Emissions of a video on the GPU with a Hugging Face model",
            new EmissionsOptions { Media = "news.mp4", Out = "news.npy", Model = "models/wav2vec2-base-960h-onnx", Device = InferenceDevice.Cuda }),
    ];

    public IVerbCommand CreateCommand() => new EmissionsCommand(this);
}
