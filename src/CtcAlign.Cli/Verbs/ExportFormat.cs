namespace CtcAlign.Cli.Verbs;

/// <summary>What <c>export --format</c> accepts: alignment files and ASR corpus layouts.</summary>
public enum ExportFormat
{
    Srt,
    Vtt,
    Sbv,
    Ass,
    Scc,
    Stl,
    Ttml,
    Dfxp,
    EbuTtD,
    Json,
    Ctm,
    TextGrid,
    Nemo,
    Kaldi,
    Hf,
    Lhotse,
}
