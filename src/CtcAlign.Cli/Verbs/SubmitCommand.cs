using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Cli.Cluster;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Storage;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Enqueues one Hangfire job per manifest entry. Idempotent: a media already stored with the same content hash,
/// model, parameters and tool version is not enqueued (unless --force), nor one whose job for the same key is still
/// queued, running or waiting to retry; so re-submitting a manifest adds only what is new or changed (and what failed:
/// its failed job is deleted and a new one enqueued).
/// </summary>
public sealed class SubmitCommand(SubmitOptions options) : IVerbCommand
{
    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (options.Manifest is null || options.Media is not null || options.Captions is not null || options.Text is not null)
            throw new CtcAlignException("submit takes --manifest FILE.jsonl (one job per media), not MEDIA with --captions/--text");
        if (options.Out is not null)
            throw new CtcAlignException("submit writes to the database only; use `ctcalign export --db ... --out FILE` when the jobs are done");
        if (options.ParseSccChannel() != 1)
            throw new CtcAlignException("--scc-channel CC2 is for align: the cluster's workers read SCC captions on CC1");
        var storage = ClusterStorage.Open(options.Database, "submit");
        var entries = MediaManifestReader.Read(options.Manifest);
        var settings = options.ToSettings(); // a wrong option fails here, not in every job
        var modelDirectory = SequentialMediaAligner.ModelDirectory(options.Model);
        var model = ModelIdentity.Of(modelDirectory);
        var parameters = AlignOptions.ParametersJson(settings.ForModel(ModelPackage.Load(modelDirectory).Description)); // as align and the worker store it
        var optionsJson = JsonSerializer.Serialize<AlignOptions>(options);

        using var store = SegmentStore.Open(options.Database);
        var client = new BackgroundJobClient(storage);
        int queued = 0, stored = 0, pending = 0, failed = 0;
        using (var ledger = new SubmissionLedger(options.Database))
        {
            using var jobs = storage.GetConnection();
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!File.Exists(entry.AudioPath))
                {
                    console.Error.WriteLine($"ctcalign: {entry.Id}: media file not found: {entry.AudioPath} (not submitted)");
                    failed++;
                    continue;
                }
                var hash = ContentHash.Compute(entry.AudioPath);
                // edited captions are new work, as in a local run (unreadable ones fail in the job with their reason)
                string? captionsText = null;
                try
                {
                    captionsText = entry.Text is not null ? CaptionReader.Parse(entry.Text, CaptionReader.TextSource).Text : CaptionReader.ReadDocument(entry.CaptionsPath!).Text;
                }
                catch (Exception ex) when (ExitCodes.IsUserError(ex))
                {
                }
                if (!options.Force && captionsText is not null && store.IsDone(entry.Id, hash, model, parameters, AlignCommand.ToolVersion, captionsText))
                {
                    stored++;
                    continue;
                }
                var key = Key(entry.Id, hash, model, parameters);
                if (ledger.JobOf(key) is { } previous && jobs.GetJobData(previous)?.State is { } state)
                {
                    if (PendingStates.Contains(state) && !options.Force)
                    {
                        pending++;
                        continue;
                    }
                    if (state == FailedState.StateName)
                        client.Delete(previous); // its media is submitted again: the old failure leaves the failed list
                }
                var request = new MediaJobRequest
                {
                    Id = entry.Id, AudioPath = entry.AudioPath, CaptionsPath = entry.CaptionsPath, Text = entry.Text, ContentHash = hash,
                    AlignOptionsJson = optionsJson,
                };
                var jobId = client.Create(Job.FromExpression<AlignMediaJob>(j => j.RunAsync(entry.Id, request, CancellationToken.None)), new EnqueuedState());
                ledger.Record(key, entry.Id, jobId);
                queued++;
            }
            ledger.Commit();
        }
        console.Out.WriteLine($"{entries.Count} media: {queued} submitted, {stored} already stored, {pending} already queued or running"
            + (failed > 0 ? $", {failed} not submitted" : "") + $"; `ctcalign status --db {store.Path}` shows progress");
        return Task.FromResult(failed > 0 ? ExitCodes.PartialFailure : ExitCodes.Success);
    }

    /// <summary>States of a job that will still run (or is running): its media is not enqueued again.</summary>
    private static readonly HashSet<string> PendingStates = [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    private static string Key(string mediaId, string hash, string model, string parameters) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', mediaId, hash, model, parameters, AlignCommand.ToolVersion))));
}
