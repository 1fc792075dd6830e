using CtcAlign.Cli.Cluster;
using CtcAlign.Pipeline;
using CtcAlign.Storage;
using Hangfire;
using Hangfire.Common;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// A cluster worker: a Hangfire server on the PostgreSQL job storage with --jobs worker threads, all sharing one
/// <see cref="AlignMediaJob"/> (one model). Logs one line per job start and end to stdout. Ctrl+C stops taking jobs,
/// gives the files in flight --stop-timeout seconds to finish, then rolls them back (Hangfire re-queues them).
/// </summary>
public sealed class WorkerCommand(WorkerOptions options, MediaAlignerFactory alignerFactory) : IVerbCommand
{
    public async Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (options.Jobs < 1)
            throw new CtcAlignException($"--jobs must be at least 1 (got {options.Jobs})");
        if (options.Retries < 0 || options.RetryDelay < 0 || options.JobTimeout < 1 || options.StopTimeout < 0)
            throw new CtcAlignException("--retries, --retry-delay and --stop-timeout must be 0 or more, --job-timeout at least 1");
        var storage = ClusterStorage.Open(options.Database, "worker", TimeSpan.FromSeconds(options.JobTimeout));
        using var store = SegmentStore.Open(options.Database);
        var job = new AlignMediaJob(store, alignerFactory, options.Device, options.Jobs, console.Out);
        var filters = new JobFilterCollection { new BoundedRetry(options.Retries, options.RetryDelay) };
        var name = options.Name ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = options.Jobs,
            Activator = new AlignJobActivator(job),
            FilterProvider = filters,
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            StopTimeout = TimeSpan.FromSeconds(options.StopTimeout),
            ShutdownTimeout = TimeSpan.FromSeconds(options.StopTimeout + 30),
            // A server silent for ServerTimeout is removed (and shown no more by status); a live one beats three times as often,
            // so a slow machine is not taken for dead (Hangfire aborts the jobs of a server it finds removed).
            ServerCheckInterval = TimeSpan.FromSeconds(Math.Clamp(options.JobTimeout, 1, 300)),
            ServerTimeout = TimeSpan.FromSeconds(Math.Max(options.JobTimeout, 15)),
            HeartbeatInterval = TimeSpan.FromSeconds(Math.Min(30, Math.Max(options.JobTimeout, 15) / 3.0)),
        };
        console.Out.WriteLine($"worker {name}: {options.Jobs} job(s) at once, device {options.Device}, on {store.Path} (Ctrl+C stops)");
        console.Out.Flush();
        using (var server = new BackgroundJobServer(serverOptions, storage))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            console.Out.WriteLine($"worker {name}: stopping; files in flight get {options.StopTimeout} s to finish, then roll back");
            console.Out.Flush();
            server.SendStop();
        } // Dispose waits for the workers to end (up to the shutdown timeout)
        job.ReleaseAligners();
        console.Out.WriteLine($"worker {name}: stopped");
        return ExitCodes.Cancelled;
    }
}
