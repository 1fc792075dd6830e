using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("review", HelpText = "Write a static review page per media (timeline with waveform, lines worst first, click to listen) and an index.html to open in a browser.")]
public sealed class ReviewOptions : IVerbOptions
{
    [Option("db", Default = "ctcalign.db", HelpText = "Database to read: a SQLite file, or PostgreSQL (postgres://user@host/db or Host=...;Database=...).")]
    public string Database { get; set; } = "ctcalign.db";

    [Option("out", Required = true, HelpText = "Folder for index.html and one page per media (created when missing). Open index.html from file:// or any static web server; nothing is fetched from the internet.")]
    public string Out { get; set; } = "";

    [Option("media", HelpText = "Only this media id.")]
    public string? Media { get; set; }

    [Option("copy-audio", HelpText = "Write a compact copy of each media's audio into OUT/audio/ (Opus in Ogg, 32 kb/s, with ffmpeg; else 16 kHz WAV) "
        + "and play that. Without it the page plays the original media through a relative path, so the folder must stay where it is relative to the media; "
        + "use this to publish the folder on a web server or when the browser cannot play the original (AIFF, MPEG-TS, SPHERE).")]
    public bool CopyAudio { get; set; }

    [Option("embed-audio", HelpText = "Inline that compact copy in the page itself (one file to send around; at most 20 MB of audio, about 80 minutes).")]
    public bool EmbedAudio { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    private static readonly UnParserSettings Unparse = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Pages for every media in the database, playing the original files", Unparse, new ReviewOptions { Out = "review" }),
        new("One episode, with its own compact audio copy (a folder to put on a web server)", Unparse,
            new ReviewOptions { Database = "archive.db", Media = "episode-12", Out = "review", CopyAudio = true }),
        new("One page that carries its audio inside", Unparse, new ReviewOptions { Media = "clip-3", Out = "review", EmbedAudio = true }),
    ];

    public IVerbCommand CreateCommand() => new ReviewCommand(this);
}
