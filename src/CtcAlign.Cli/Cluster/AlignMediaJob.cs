using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Cluster;

/// <summary>
/// The work of one cluster job on a worker: align one media file with the channel pipeline and store it in one
/// transaction. One instance serves all of a worker's jobs, so the model is loaded once per worker (per distinct
/// align options). A media already stored with the same content, model and parameters (a job rerun after its worker
/// died just after storing) is not aligned again. Bad input throws <see cref="BadMediaException"/> with the same
/// one-line reason a local <c>align</c> prints; Ctrl+C on the worker rolls the file back and Hangfire re-queues it.
/// </summary>
public sealed class AlignMediaJob(SegmentStore store, MediaAlignerFactory alignerFactory, string device, int jobs, TextWriter log)
{
    private readonly ConcurrentDictionary<string, Lazy<(IMediaAligner Aligner, int RunId, string Model, string Parameters, AlignCommand.TimelineChoice Timeline)>> _aligners = new();

    [DisplayName("align {0}")]
    public async Task RunAsync(string mediaId, MediaJobRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        Log($"started {mediaId}");
        try
        {
            if (!File.Exists(request.AudioPath))
                throw new CtcAlignException($"media file not found: {request.AudioPath}");
            var document = request.Text is not null ? CaptionReader.Parse(request.Text, CaptionReader.TextSource) : CaptionReader.ReadDocument(request.CaptionsPath!);
            var hash = ContentHash.Compute(request.AudioPath);
            var (aligner, runId, model, parameters, timeline) = AlignerFor(request.AlignOptionsJson);
            if (store.IsDone(mediaId, hash, model, parameters, AlignCommand.ToolVersion, document.Text))
            {
                Log($"{mediaId}: already stored with these settings, nothing to do");
                return;
            }
            var entry = new MediaManifestEntry(mediaId, request.AudioPath, request.CaptionsPath, request.Text, 0);
            // the same programme timeline as a local run: captions move onto the audio's clock, output times carry the offset
            var offset = AlignCommand.TimelineOffset(entry, document.Lines, timeline, Log, document.DeclaredTimecodeBase);
            var captions = offset == 0 ? document.Lines : document.Lines.Select(c => c with { Start = c.Start - offset, End = c.End - offset }).ToList();
            var alignment = await aligner.AlignAsync(new MediaJob(mediaId, request.AudioPath, captions), cancellationToken);
            alignment = AlignCommand.Check(alignment, entry, document, captions) with { TimelineOffsetSeconds = offset };
            cancellationToken.ThrowIfCancellationRequested();
            store.SaveMedia(runId, alignment, hash); // one transaction: all of this file or nothing
            Log(string.Create(CultureInfo.InvariantCulture, $"stored {mediaId} ({alignment.DurationSeconds:0.0} s of audio, {started.Elapsed.TotalSeconds:0.00} s)"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log($"{mediaId}: stopped, rolled back (the job goes back to the queue)");
            throw;
        }
        catch (Exception ex) when (ExitCodes.IsUserError(ex) && ex is not StorageException)
        {
            var reason = Program.OneLine(ex.Message);
            Log($"failed {mediaId}: {reason}");
            throw new BadMediaException(reason, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log($"error {mediaId}: {Program.OneLine(ex.Message)} (retried while attempts are left)");
            throw;
        }
    }

    /// <summary>The aligner, run id and skip key for these align options, created on first use and kept for the worker's life.</summary>
    private (IMediaAligner Aligner, int RunId, string Model, string Parameters, AlignCommand.TimelineChoice Timeline) AlignerFor(string optionsJson)
    {
        var lazy = _aligners.GetOrAdd(optionsJson, json => new(() =>
        {
            var options = JsonSerializer.Deserialize<AlignOptions>(json) ?? throw new CtcAlignException("a job without align options");
            options.Device = device;
            options.Jobs = jobs;
            var settings = options.ToSettings();
            var modelDirectory = SequentialMediaAligner.ModelDirectory(options.Model);
            var model = ModelIdentity.Of(modelDirectory);
            var parameters = AlignOptions.ParametersJson(settings.ForModel(ModelPackage.Load(modelDirectory).Description));
            var timeline = new AlignCommand.TimelineChoice(options.ParseTimeBase(), options.TimecodeOffsetSeconds());
            var runId = store.GetOrAddRun(model, parameters, AlignCommand.ToolVersion);
            Log($"loading the model for {model}");
            return (alignerFactory(settings), runId, model, parameters, timeline);
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _aligners.TryRemove(optionsJson, out _); // a model that failed to load is tried again by the next job
            throw;
        }
    }

    private void Log(string line)
    {
        lock (log)
        {
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
            log.Flush();
        }
    }

    /// <summary>
    /// Disposes the loaded models when the worker has stopped. (Not <see cref="IDisposable"/>: Hangfire disposes a
    /// disposable job instance after each job, and this one lives as long as the worker.)
    /// </summary>
    public void ReleaseAligners()
    {
        foreach (var lazy in _aligners.Values.Where(l => l.IsValueCreated))
            lazy.Value.Aligner.Dispose();
    }
}
