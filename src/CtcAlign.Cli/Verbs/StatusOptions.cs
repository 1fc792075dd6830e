using CommandLine;

namespace CtcAlign.Cli.Verbs;

[Verb("status", HelpText = "Cluster: jobs queued, running, done and failed in a PostgreSQL --db, hours of audio stored, throughput, workers, and the failed jobs with their errors.")]
public sealed class StatusOptions : IVerbOptions
{
    [Option("db", Required = true, HelpText = "The cluster's PostgreSQL database: postgres://user@host/db or Host=...;Database=....")]
    public string Database { get; set; } = "";

    [Option("failed", Default = 20, HelpText = "How many failed jobs to list (newest first).")]
    public int Failed { get; set; } = 20;

    [Option("window", Default = 10, HelpText = "Throughput over the media stored in the last this many minutes.")]
    public int WindowMinutes { get; set; } = 10;

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    public IVerbCommand CreateCommand() => new StatusCommand(this);
}
