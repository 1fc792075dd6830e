using CommandLine;

namespace CtcAlign.Cli.Verbs;

[Verb("dashboard", HelpText = "Cluster: serve Hangfire's dashboard for a PostgreSQL --db on loopback (read-only unless --allow-actions); Ctrl+C stops it.")]
public sealed class DashboardOptions : IVerbOptions
{
    [Option("db", Required = true, HelpText = "The cluster's PostgreSQL database: postgres://user@host/db or Host=...;Database=....")]
    public string Database { get; set; } = "";

    [Option("urls", Default = "http://127.0.0.1:5080", HelpText = "Where to listen: loopback addresses only (127.0.0.1, [::1], localhost), separated by ';' (reach it from elsewhere through an SSH tunnel).")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    [Option("allow-actions", HelpText = "Let the dashboard retry, delete and requeue jobs (default: read-only).")]
    public bool AllowActions { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    public IVerbCommand CreateCommand() => new DashboardCommand(this);
}
