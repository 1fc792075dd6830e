using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("export", HelpText = "Write stored alignments as captions (srt, vtt), json, ctm, textgrid, or an ASR corpus with cut clips (nemo, kaldi, hf, lhotse).")]
public sealed class ExportOptions : SubtitleCleanupOptions, IServicedVerbOptions
{
    [Option("db", Default = "ctcalign.db", HelpText = "Database to read: a SQLite file, or PostgreSQL (postgres://user@host/db or Host=...;Database=...).")]
    public string Database { get; set; } = "ctcalign.db";

    [Option("format", Required = true, HelpText = "srt, vtt, sbv, ass, scc, stl, ttml (IMSC1), dfxp, ebu-tt-d, json, ctm, textgrid, nemo, kaldi, hf or lhotse.")]
    public string Format { get; set; } = "";

    [Option("out", Required = true, HelpText = "Output file (json, ctm; srt/vtt/textgrid of one media) or folder (several media; corpora).")]
    public string Out { get; set; } = "";

    [Option("min-confidence", HelpText = "Only lines with rho at or above this (e.g. -5). Corpora without it take only lines with status aligned.")]
    public double? MinConfidence { get; set; }

    [Option("min-p", HelpText = "Only lines with p_correct at or above this (e.g. 0.9), whatever their status; lines stored without p_correct (a model without calibration) are left out.")]
    public double? MinP { get; set; }

    [Option("media", HelpText = "Only this media id.")]
    public string? Media { get; set; }

    [Option("padding", Default = 0.15, HelpText = "Corpora: at most this many seconds of silence added before and after each clip, never reaching into a neighbouring word.")]
    public double Padding { get; set; } = 0.15;

    [Option("max-duration", Default = 30.0, HelpText = "Corpora: longest clip in seconds (padding included); longer lines are split at the largest pauses between their words. 0: no limit.")]
    public double MaxDuration { get; set; } = 30;

    [Option("min-duration", Default = 0.0, HelpText = "Corpora: leave out clips shorter than this many seconds (padding included).")]
    public double MinDuration { get; set; }

    [Option("clips", HelpText = "kaldi: cut clips and list them in wav.scp instead of the original recordings with offsets in segments.")]
    public bool Clips { get; set; }

    [Option("overwrite", HelpText = "Corpora: export into a folder that holds an earlier export, removing its clips and metadata first (a folder with anything else is refused).")]
    public bool Overwrite { get; set; }

    [Option("keep-unaligned", HelpText = "srt/vtt/sbv/ass: also write lines that are not aligned (low_confidence, not_aligned, below --min-confidence), placed between their re-timed neighbours without overlap (marked in a NOTE in vtt).")]
    public override bool KeepUnaligned { get; set; }

    [Option("caption-spelling", HelpText = "ctm/textgrid: write words as the caption spells them (punctuation kept, compounds whole) instead of as scoring tools match them.")]
    public bool CaptionSpelling { get; set; }

    [Option("original-text", HelpText = "Corpora: write the caption's own text instead of the normalised (spoken) form.")]
    public bool OriginalText { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    private static readonly UnParserSettings Unparse = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Re-timed captions of one media", Unparse, new ExportOptions { Format = "srt", Media = "episode-12", Out = "episode-12.srt" }),
        new("Everything as JSON", Unparse, new ExportOptions { Database = "archive.db", Format = "json", Out = "archive.json" }),
        new("A NeMo training set of confident lines with 0.1 s padding", Unparse, new ExportOptions { Format = "nemo", Out = "corpus", MinConfidence = -2, Padding = 0.1 }),
        new("A Kaldi data directory of clips of at most 20 s over the original recordings", Unparse, new ExportOptions { Format = "kaldi", Out = "data/train", MaxDuration = 20 }),
    ];

    public IVerbCommand CreateCommand() => CreateCommand(CliServices.Default);

    public IVerbCommand CreateCommand(CliServices services) => new ExportCommand(this, services.ClipSource);
}
