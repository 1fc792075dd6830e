using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("inspect", HelpText = "Show stored alignments per media: counts by status, rho and p_correct histograms and the worst lines.")]
public sealed class InspectOptions : IVerbOptions
{
    [Option("db", Default = "ctcalign.db", HelpText = "Database to read: a SQLite file, or PostgreSQL (postgres://user@host/db or Host=...;Database=...).")]
    public string Database { get; set; } = "ctcalign.db";

    [Option("media", HelpText = "Only this media id.")]
    public string? Media { get; set; }

    [Option("worst", HelpText = "How many of the lowest-rho lines to list (default 10; with --below: all of them).")]
    public int? Worst { get; set; }

    [Option("below", HelpText = "List only lines with rho below this value (e.g. -2).")]
    public double? Below { get; set; }

    [Option("below-p", HelpText = "List only lines with p_correct below this value (e.g. 0.9: the lines to review).")]
    public double? BelowP { get; set; }

    [Option("sort", HelpText = "Order of the listed lines: p (lowest p_correct first; the default when the lines have p_correct) or rho (lowest rho first).")]
    public string? Sort { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    private static readonly UnParserSettings Unparse = new() { SkipDefault = true };

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("Summarise every media file in the database", Unparse, new InspectOptions()),
        new("The 20 worst lines of one episode", Unparse, new InspectOptions { Database = "archive.db", Media = "episode-12", Worst = 20 }),
        new("Every line below rho -2", Unparse, new InspectOptions { Below = -2 }),
        new("The lines to review: p_correct below 0.9, lowest first", Unparse, new InspectOptions { BelowP = 0.9 }),
    ];

    public IVerbCommand CreateCommand() => new InspectCommand(this);
}
