using CommandLine;
using CommandLine.Text;

namespace CtcAlign.Cli.Verbs;

[Verb("worker", HelpText = "Cluster: run a Hangfire server that takes align jobs from a PostgreSQL --db, aligns them and stores the results there (Ctrl+C stops it).")]
public sealed class WorkerOptions : IServicedVerbOptions
{
    [Option("db", Required = true, HelpText = "The cluster's PostgreSQL database: postgres://user@host/db or Host=...;Database=....")]
    public string Database { get; set; } = "";

    [Option("device", Default = "auto", HelpText = "auto, cpu or cuda[:N] (one worker per GPU: --device cuda:0, cuda:1, ...).")]
    public string Device { get; set; } = "auto";

    [Option("jobs", Default = 1, HelpText = "Media files this worker aligns at once (they share one model and its batched inference).")]
    public int Jobs { get; set; } = 1;

    [Option("retries", Default = 3, HelpText = "Times a job that failed for another reason than its input (database, network, memory) is tried again; bad media is never retried.")]
    public int Retries { get; set; } = 3;

    [Option("retry-delay", Default = 30, HelpText = "Seconds before such a retry.")]
    public int RetryDelay { get; set; } = 30;

    [Option("job-timeout", Default = 300, HelpText = "Seconds after which a job whose worker stopped answering (killed, machine down) is given to another worker.")]
    public int JobTimeout { get; set; } = 300;

    [Option("stop-timeout", Default = 60, HelpText = "On Ctrl+C: seconds the files in flight get to finish before they are rolled back and re-queued.")]
    public int StopTimeout { get; set; } = 60;

    [Option("name", HelpText = "This worker's name in status and the dashboard (default: host name and process id).")]
    public string? Name { get; set; }

    [Option('v', "verbose", HelpText = "Show stack traces of errors.")]
    public bool Verbose { get; set; }

    [Usage(ApplicationAlias = "ctcalign")]
    public static IEnumerable<Example> Examples =>
    [
        new("A worker on the first GPU, two files at a time", new UnParserSettings { SkipDefault = true },
            new WorkerOptions { Database = "postgres://ctcalign@db-host/ctcalign", Device = "cuda:0", Jobs = 2 }),
    ];

    public IVerbCommand CreateCommand() => CreateCommand(CliServices.Default);

    public IVerbCommand CreateCommand(CliServices services) => new WorkerCommand(this, services.AlignerFactory);
}
