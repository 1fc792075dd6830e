using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

/// <summary>Options of <c>submit</c>: a manifest, a PostgreSQL --db, and every align option (they travel with each job).</summary>
[Verb("submit", HelpText = "Cluster: enqueue one job per media of a manifest in a PostgreSQL --db, for `ctcalign worker` processes to align (takes the align options).")]
public sealed class SubmitOptions : AlignOptions, IServicedVerbOptions
{
    [Usage(ApplicationAlias = "ctcalign")]
    public static new IEnumerable<Example> Examples =>
    [
        new("Enqueue an archive (media paths must be readable by every worker)", new UnParserSettings { SkipDefault = true },
            new SubmitOptions { Manifest = "/mnt/archive/batch.jsonl", Database = "postgres://ctcalign@db-host/ctcalign" }),
    ];

    public new IVerbCommand CreateCommand() => new SubmitCommand(this);

    public new IVerbCommand CreateCommand(CliServices services) => new SubmitCommand(this);
}
