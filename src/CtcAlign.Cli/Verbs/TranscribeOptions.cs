using CtcAlign.Acoustic;
using CommandLine;
using CommandLine.Text;
using CtcAlign.Decoding;

namespace CtcAlign.Cli.Verbs;

[Verb("transcribe", HelpText = "Write what the acoustic model hears in a media file: greedy, beam-search or minimum-Bayes-risk CTC decoding with word times.")]
public sealed class TranscribeOptions : ModelRunOptions, IVerbOptions
{
    public enum DecoderKind
    {
        Greedy,
        Beam,
        Mbr,
    }

    public enum OutputFormat
    {
        Text,
        Json,
    }

    [Value(0, MetaName = "media", Required = true, HelpText = "Audio or video file (WAV, AIFF, MP3; anything else through ffmpeg).")]
    public string Media { get; set; } = "";

    [Option("decoder", Default = DecoderKind.Greedy,
        HelpText = "greedy (best path), beam (prefix beam search, no language model) or mbr (the N-best hypothesis with the lowest expected WER against the others).")]
    public DecoderKind Decoder { get; set; } = DecoderKind.Greedy;

    [Option("beam", Default = 16, HelpText = "Beam width for beam and mbr; mbr uses the whole beam as its N-best list.")]
    public int Beam { get; set; } = 16;

    [Option("nbest", Default = 1, HelpText = "Hypotheses to print, best first (beam and mbr; at most --beam).")]
    public int NBest { get; set; } = 1;

    [Option("mbr-lambda", Default = 1.0, HelpText = "mbr only: consider hypotheses within this many nats of the most probable one.")]
    public double MbrLambda { get; set; } = 1.0;

    [Option("format", Default = OutputFormat.Text, HelpText = "text (the transcript; with --nbest, the list) or json (words with times and confidence).")]
    public OutputFormat Format { get; set; } = OutputFormat.Text;

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Transcribe a WAV with the default model", new TranscribeOptions { Media = "talk.wav" }),
        new("Five best beam-search hypotheses", new TranscribeOptions { Media = "talk.wav", Decoder = DecoderKind.Beam, NBest = 5 }),
        new("Minimum-Bayes-risk transcript with word times as JSON",
            new TranscribeOptions { Media = "news.mp4", Decoder = DecoderKind.Mbr, Beam = 32, Format = OutputFormat.Json }),
    ];

    public IVerbCommand CreateCommand() => new TranscribeCommand(this, OpenEmissionSource);

    /// <summary>The acoustic model that turns a media file into emissions: <c>--model</c> (null = the default model) on <c>--device</c> with <c>--threads</c>.</summary>
    private static IEmissionSource OpenEmissionSource(TranscribeOptions options) =>
        new AcousticEmissionSource(options.Model, new AcousticModelOptions(options.OnnxOptions()));
}
