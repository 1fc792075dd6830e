using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("align", HelpText = "Align captions or a transcript to media audio; results go to the database (--db) and optionally to a file (--out).")]
public sealed class AlignOptions : IServicedVerbOptions
{
    [Value(0, MetaName = "MEDIA", HelpText = "Media file to align (omit with --manifest).")]
    public string? Media { get; set; }

    [Option("captions", HelpText = "Caption file for MEDIA: .srt, .vtt, or plain text with one caption a line.")]
    public string? Captions { get; set; }

    [Option("text", HelpText = "The transcript itself for MEDIA, one caption a line.")]
    public string? Text { get; set; }

    [Option("id", HelpText = "Media id for MEDIA (default: its file name without extension).")]
    public string? Id { get; set; }

    [Option("manifest", HelpText = "JSON Lines batch: {\"id\", \"audio\", and \"captions\" or \"text\"} a line; relative paths from the manifest's folder.")]
    public string? Manifest { get; set; }

    [Option("db", Default = "ctcalign.db", HelpText = "SQLite database the results are stored in.")]
    public string Database { get; set; } = "ctcalign.db";

    [Option("out", HelpText = "Also write this run's alignments here (a folder for srt/vtt/textgrid with several media).")]
    public string? Out { get; set; }

    [Option("format", HelpText = "Format of --out: srt, vtt, json, ctm, textgrid (default: from the --out extension).")]
    public string? Format { get; set; }

    [Option("force", HelpText = "Realign media already stored with the same model and parameters (replaces them).")]
    public bool Force { get; set; }

    [Option("model", HelpText = "ONNX CTC model file (default: the bundled model).")]
    public string? Model { get; set; }

    [Option("device", Default = "auto", HelpText = "auto, cpu or cuda[:N].")]
    public string Device { get; set; } = "auto";

    [Option("jobs", Default = 1, HelpText = "Media files aligned at once.")]
    public int Jobs { get; set; } = 1;

    [Option("threshold", Default = -2.0, HelpText = "rho at or above which a placed line counts as aligned (below: low_confidence).")]
    public double Threshold { get; set; } = -2.0;

    [Option("keep-unaligned", HelpText = "In srt/vtt output keep lines that were not aligned, at their original times.")]
    public bool KeepUnaligned { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Option("stats", HelpText = "After the summary, print busy time per stage (decode, infer, align, store), CPU time and peak memory.")]
    public bool Stats { get; set; }

    [Option("no-progress", HelpText = "Plain log lines instead of the live progress display on a terminal.")]
    public bool NoProgress { get; set; }

    private static readonly UnParserSettings Unparse = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Re-time one episode's captions", Unparse, new AlignOptions { Media = "episode.mp4", Captions = "episode.srt", Out = "episode.aligned.srt" }),
        new("Align a transcript given inline", Unparse, new AlignOptions { Media = "clip.wav", Text = "Hello there." }),
        new("Align a batch into a database, two files at a time", Unparse, new AlignOptions { Manifest = "batch.jsonl", Database = "archive.db", Jobs = 2 }),
    ];

    public IVerbCommand CreateCommand() => CreateCommand(CliServices.Default);

    public IVerbCommand CreateCommand(CliServices services) => new AlignCommand(this, services.AlignerFactory);
}
