using System.Globalization;
using CtcAlign.Cli.Cluster;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Verbs;

/// <summary>Prints the cluster's state: Hangfire's job counts and workers, the store's totals and recent throughput, the failed jobs.</summary>
public sealed class StatusCommand(StatusOptions options) : IVerbCommand
{
    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (options.Failed < 0 || options.WindowMinutes < 1)
            throw new CtcAlignException("--failed must be 0 or more and --window at least 1");
        var storage = ClusterStorage.Open(options.Database, "status");
        using var store = SegmentStore.Open(options.Database, readOnly: true);
        var monitoring = storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var now = DateTime.UtcNow;
        var (media, seconds, recentSeconds, firstRecent) = store.Totals(now.AddMinutes(-options.WindowMinutes));
        var o = console.Out;
        o.WriteLine($"jobs: {stats.Enqueued} queued, {stats.Processing} running, {stats.Succeeded} done, {stats.Failed} failed, {stats.Scheduled} waiting to retry");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored: {media} media, {seconds / 3600:0.00} h of audio"));
        if (firstRecent is not null && DateTime.TryParse(firstRecent, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var first))
        {
            var span = Math.Max(1, (now - first).TotalSeconds);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput (media stored in the last {options.WindowMinutes} min): {recentSeconds / 3600:0.00} h of audio in {span / 60:0.0} min, {recentSeconds / span:0.0}x real time"));
        }
        else
        {
            o.WriteLine($"throughput: nothing stored in the last {options.WindowMinutes} min");
        }
        var servers = monitoring.Servers();
        o.WriteLine($"workers: {servers.Count} ({servers.Sum(s => s.WorkersCount)} job slots)"
            + (servers.Count > 0 ? ": " + string.Join(", ", servers.Select(s => $"{s.Name} ({s.WorkersCount})")) : ""));
        if (stats.Failed > 0 && options.Failed > 0)
        {
            o.WriteLine("failed jobs (newest first; `ctcalign dashboard --allow-actions` can retry or delete them):");
            foreach (var (id, job) in monitoring.FailedJobs(0, options.Failed))
            {
                var mediaId = job.Job?.Args.Count > 0 ? job.Job.Args[0] as string : null;
                o.WriteLine($"  {mediaId ?? "job " + id}: {Program.OneLine(job.ExceptionMessage ?? job.Reason ?? "failed")}");
            }
        }
        return Task.FromResult(ExitCodes.Success);
    }
}
