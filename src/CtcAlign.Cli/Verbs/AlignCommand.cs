using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Cli.Progress;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Aligns one media file or a manifest batch. Per file: inputs are validated, a file already stored with the
/// same content, model and parameters is skipped (unless --force), otherwise the aligner runs and the result is
/// stored in one transaction. A bad file is reported and the batch goes on (exit 3); Ctrl+C lets files in
/// flight finish or roll back and starts no new one (exit 130).
/// </summary>
public sealed class AlignCommand(AlignOptions options, MediaAlignerFactory alignerFactory) : IVerbCommand
{
    private enum Outcome { Aligned, Skipped, Failed, Cancelled }

    private sealed record FileResult(Outcome Outcome, MediaAlignment? Alignment, string? Error, bool IsUserError);

    private volatile bool _storedAny;

    public async Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var entries = ReadJobs();
        var outFormat = ResolveOutFormat();
        var subtitles = options.ToSubtitleOptions();
        if (subtitles.Karaoke && (outFormat is not { } chosen || !KaraokeWriter.Supports(chosen)))
            throw new CtcAlignException("--karaoke highlights words in srt, vtt, ass, ttml or dfxp output: give --out FILE.srt|.vtt|.ass|.ttml|.dfxp");
        if (subtitles.SccRollUpRows is not null && outFormat != AlignmentFormat.Scc)
            throw new CtcAlignException("--scc-mode roll-up is for scc output: give --out FILE.scc");
        if (subtitles.SccChannel is not null && outFormat != AlignmentFormat.Scc)
            throw new CtcAlignException("--scc-out-channel is for scc output: give --out FILE.scc");
        var timeBase = options.ParseTimeBase();
        var timecodeOffset = options.TimecodeOffsetSeconds();
        var sccChannel = options.ParseSccChannel();
        if (options.Jobs < 1)
            throw new CtcAlignException($"--jobs must be at least 1 (got {options.Jobs})");
        if (options.Out is not null)
            AlignmentFileWriter.CheckWritable(outFormat!.Value, options.Out, entries.Count); // before any work, not after it
        var toStdout = options.Out is not null && OutputFile.IsStandardOutput(options.Out);
        var report = toStdout ? console with { Out = console.Error } : console; // stdout holds the --out file alone

        var settings = options.ToSettings();
        // the skip key: model name, version and ONNX hash (not "default", not its path), parameters, tool version
        var modelDirectory = SequentialMediaAligner.ModelDirectory(options.Model);
        var model = ModelIdentity.Of(modelDirectory);
        var description = ModelPackage.Load(modelDirectory).Description;
        if (!options.NoCalibration && description.CalibrationNote is { } note)
            report.Error.WriteLine("ctcalign: warning: " + note);
        if (options.MinP is not null && description.Calibration is null)
            throw new CtcAlignException("--min-p needs a model whose package has a p_correct calibration (tools/calibrate/fit.sh MODEL_FOLDER fits one)");
        // the word boundaries as they will run (the model's measured rules, then the user's overrides), not the defaults
        var parameters = AlignOptions.ParametersJson(settings.ForModel(description), sccChannel);
        var stopwatch = Stopwatch.StartNew();

        // declared before the store, so it runs after the store is closed: a run that stored nothing leaves no new file
        using var cleanup = new NewDatabaseCleanup(options.Database, () => _storedAny);
        using var store = SegmentStore.Open(options.Database);
        var runId = store.GetOrAddRun(model, parameters, ToolVersion);
        var aligner = new Lazy<IMediaAligner>(() => alignerFactory(settings), LazyThreadSafetyMode.ExecutionAndPublication);
        var results = new FileResult?[entries.Count];
        var progress = new BatchProgress(entries.Select(e => e.Id).ToList(),
            entries.Select(e => File.Exists(e.AudioPath) ? new FileInfo(e.AudioPath).Length : 0).ToList());
        IBatchReporter reporter = console.IsInteractive && !options.NoProgress
            ? new LiveReporter(console.Error, progress)
            : new LogLineReporter(console.Error, progress);
        var storeTimes = new StageTimes();
        try
        {
            await reporter.RunAsync(() => Parallel.ForEachAsync(Enumerable.Range(0, entries.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    progress.Started(i);
                    var result = await AlignOneAsync(entries[i], store, runId, model, parameters, aligner, progress, reporter, storeTimes,
                        new TimelineChoice(timeBase, timecodeOffset), sccChannel, ct);
                    results[i] = result;
                    var failed = result.Outcome == Outcome.Failed;
                    var n = progress.Finished(i, result.Outcome == Outcome.Aligned ? result.Alignment!.DurationSeconds : null, failed);
                    reporter.FileFinished(failed
                        ? $"ctcalign: {entries[i].Id}: {result.Error}"
                        : $"[{n}/{entries.Count}] {entries[i].Id}: {Describe(result)}", failed);
                }));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (AlignerUnavailableException ex)
        {
            throw ex.InnerException!;
        }
        finally
        {
            if (aligner.IsValueCreated)
                aligner.Value.Dispose();
        }

        var cancelled = cancellationToken.IsCancellationRequested;
        var finished = results.Where(r => r?.Alignment is not null).Select(r => r!.Alignment!).ToList();
        string? outError = null;
        if (options.Out is not null && finished.Count > 0)
        {
            try
            {
                var reports = new List<(string Path, SubtitleReport Report)>();
                if (toStdout)
                {
                    AlignmentFileWriter.Write(outFormat!.Value, console.Out, finished, subtitles, options.CaptionSpelling, reports);
                    foreach (var (_, r) in reports)
                        console.Error.WriteLine($"wrote standard output: {r.Describe()}");
                }
                else
                {
                    var written = AlignmentFileWriter.Write(outFormat!.Value, options.Out, finished, subtitles, reports, asFolder: entries.Count > 1,
                        captionSpelling: options.CaptionSpelling);
                    if (reports.Count > 0)
                        foreach (var (path, r) in reports)
                            console.Error.WriteLine($"wrote {path}: {r.Describe()}");
                    else
                        console.Error.WriteLine($"wrote {string.Join(", ", written)}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                outError = $"could not write --out {options.Out}: {Program.OneLine(ex.Message)}; the alignments are stored in {store.Path} "
                    + $"(`ctcalign export --db {store.Path} --format {outFormat!.Value.ToString().ToLowerInvariant()} --out FILE` writes them)";
            }
        }

        WriteSummary(report, results, stopwatch.Elapsed, cancelled);
        AlignedLinesTable.Write(report, finished);
        if (finished.Count > 0)
            report.Out.WriteLine($"stored in {store.Path}: `ctcalign inspect --db {store.Path}` lists the worst lines, "
                + $"`ctcalign export --db {store.Path} --format srt --out FILE` writes them out");
        if (finished.Count > 0)
            report.Out.WriteLine($"see and hear them in a browser: `ctcalign review --db {store.Path} --out review`, then open review/index.html");
        if (options.Stats)
            report.Out.WriteLine(RunStatistics.Line(aligner.IsValueCreated ? aligner.Value as IMonitoredAligner : null, storeTimes));
        if (outError is not null)
        {
            console.Error.WriteLine($"ctcalign: {outError}");
            return cancelled ? ExitCodes.Cancelled : ExitCodes.InputError;
        }
        var failed = results.Where(r => r?.Outcome == Outcome.Failed).ToList();
        var mismatched = finished.Count(a => a.MismatchNote is not null);
        if (cancelled)
        {
            console.Error.WriteLine("ctcalign: cancelled; files not finished were rolled back (rerun the same command to go on).");
            return ExitCodes.Cancelled;
        }
        if (failed.Count == 0)
            return mismatched > 0 ? ExitCodes.PartialFailure : ExitCodes.Success; // aligned with --force against the match check: not a success
        if (entries.Count > 1)
            return ExitCodes.PartialFailure;
        return failed[0]!.IsUserError ? ExitCodes.InputError : ExitCodes.InternalError;
    }

    /// <summary>--time-base; --timecode-offset in seconds, null = the captions' own base when detected.</summary>
    internal sealed record TimelineChoice(AlignOptions.TimeBaseChoice TimeBase, double? TimecodeOffset);

    private async Task<FileResult> AlignOneAsync(MediaManifestEntry entry, SegmentStore store, int runId, string model,
        string parameters, Lazy<IMediaAligner> aligner, BatchProgress progress, IBatchReporter reporter, StageTimes storeTimes,
        TimelineChoice timeline, int sccChannel, CancellationToken ct)
    {
        try
        {
            if (Directory.Exists(entry.AudioPath))
                throw new CtcAlignException($"{entry.AudioPath} is a folder, not a media file");
            if (!File.Exists(entry.AudioPath))
                throw new CtcAlignException($"media file not found: {entry.AudioPath}");
            var document = entry.Text is not null ? CaptionReader.Parse(entry.Text, CaptionReader.TextSource) : CaptionReader.ReadDocument(entry.CaptionsPath!, sccChannel);
            foreach (var warning in document.Warnings)
                reporter.Warning("ctcalign: warning: " + warning);
            var captions = document.Lines;
            var hash = ContentHash.Compute(entry.AudioPath);
            var offset = TimelineOffset(entry, captions, timeline, reporter.Warning, document.DeclaredTimecodeBase);
            if (!options.Force && store.IsDone(entry.Id, hash, model, parameters, ToolVersion, document.Text))
            {
                var done = store.LoadAlignment(entry.Id)!;
                if (Math.Abs(offset - done.TimelineOffsetSeconds) > 1e-9)
                {
                    store.SetTimelineOffset(entry.Id, offset);
                    done = done with { TimelineOffsetSeconds = offset };
                }
                return new FileResult(Outcome.Skipped, done, null, false);
            }
            // Same id, another file (news.mp4 stored, now news.ts): never replaced without a word.
            if (store.ListMedia(entry.Id) is [var stored] && stored.ContentHash != hash && stored.Path != entry.AudioPath)
            {
                if (!options.Force)
                    throw new CtcAlignException($"id '{entry.Id}' is already stored from {stored.Path}, a different file: kept it, {entry.AudioPath} not aligned "
                        + "(give it another id with --id or the manifest's \"id\" to keep both, or --force to replace the stored one)");
                reporter.Warning($"ctcalign: warning: id '{entry.Id}' was stored from {stored.Path}; --force replaces it with {entry.AudioPath}");
            }
            // the aligner predicts windows from the caption times: they move onto the audio's timeline
            var audioCaptions = offset == 0 ? captions : captions.Select(c => c with
            {
                Start = c.Start is { } s ? Math.Max(0, s - offset) : null, End = c.End is { } e ? Math.Max(0, e - offset) : null,
            }).ToList();

            ct.ThrowIfCancellationRequested();
            IMediaAligner instance;
            try
            {
                instance = aligner.Value;
            }
            catch (Exception ex)
            {
                throw new AlignerUnavailableException(ex);
            }
            if (instance is IMonitoredAligner monitored)
                progress.InFlight ??= monitored.InFlight;

            var alignment = await instance.AlignAsync(new MediaJob(entry.Id, entry.AudioPath, audioCaptions), ct);
            alignment = Check(alignment, entry, document, audioCaptions) with { TimelineOffsetSeconds = offset };
            var storing = Stopwatch.GetTimestamp();
            store.SaveMedia(runId, alignment, hash); // one transaction: all of this file or nothing
            _storedAny = true;
            storeTimes.AddSince(PipelineStage.Store, storing);
            return new FileResult(Outcome.Aligned, alignment, null, false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new FileResult(Outcome.Cancelled, null, null, false);
        }
        catch (AlignerUnavailableException)
        {
            throw;
        }
        catch (Exception ex) when (ExitCodes.IsUserError(ex))
        {
            return new FileResult(Outcome.Failed, null, Program.OneLine(ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new FileResult(Outcome.Failed, null, "internal error: " + Program.OneLine(ex.Message) +
                (options.Verbose ? Environment.NewLine + ex : " (run with --verbose for details)"), false);
        }
    }

    /// <summary>The aligner's result must describe this file: its id, one segment per caption line, in order; the caption file's text goes with it.</summary>
    internal static MediaAlignment Check(MediaAlignment alignment, MediaManifestEntry entry, CaptionDocument document, IReadOnlyList<CaptionLine> captions)
    {
        if (alignment.Segments.Count != captions.Count || alignment.Segments.Where((s, i) => s.Index != i).Any())
            throw new InvalidOperationException(
                $"the aligner returned {alignment.Segments.Count} segments for {captions.Count} caption lines of {entry.Id}");
        var segments = alignment.Segments
            .Select((s, i) => s.HintStart is null && captions[i].Start is not null ? s with { HintStart = captions[i].Start, HintEnd = captions[i].End } : s)
            .ToList();
        return alignment with
        {
            Id = entry.Id, AudioPath = entry.AudioPath, Segments = segments, CaptionsName = document.Source, CaptionsText = document.Text,
        };
    }

    /// <summary>
    /// Seconds from the first audio sample to the programme's timeline the captions are timed on and the output is written on: the
    /// audio stream's start in its container (--time-base media) plus the timecode base (--timecode-offset, or the captions' own
    /// base when they are timed far beyond the audio).
    /// </summary>
    /// <summary>Where the audio's first sample lies on the output timeline: the audio stream's container start (by --time-base) plus the captions' timecode base.</summary>
    internal static double TimelineOffset(MediaManifestEntry entry, IReadOnlyList<CaptionLine> captions, TimelineChoice timeline, Action<string> warn,
        double? declaredBase = null)
    {
        var (audioStart, duration, videoStart) = Audio.MediaDecoder.Timeline(entry.AudioPath);
        var captionBase = timeline.TimecodeOffset ?? ProgrammeTimeline.DetectCaptionBase(captions, duration ?? 0, declaredBase);
        if (timeline.TimecodeOffset is null && captionBase > 0)
            warn($"ctcalign: {entry.Id}: the captions are timed from {ProgrammeTimeline.Describe(captionBase)}: output times keep that base "
                + "(--timecode-offset none to drop it)");
        return timeline.TimeBase switch
        {
            AlignOptions.TimeBaseChoice.Media => audioStart,
            AlignOptions.TimeBaseChoice.Video => audioStart - (videoStart ?? 0), // may be negative: audio before the picture
            _ => 0,
        } + captionBase;
    }

    private IReadOnlyList<MediaManifestEntry> ReadJobs()
    {
        if (options.Manifest is not null)
        {
            if (options.Media is not null || options.Captions is not null || options.Text is not null || options.Id is not null)
                throw new CtcAlignException("give either --manifest FILE or MEDIA with --captions/--text, not both");
            return MediaManifestReader.Read(options.Manifest);
        }
        if (options.Media is null)
            throw new CtcAlignException("nothing to align: give MEDIA with --captions FILE or --text \"...\", or --manifest FILE.jsonl");
        if ((options.Captions is null) == (options.Text is null))
            throw new CtcAlignException("align MEDIA needs exactly one of --captions FILE or --text \"...\"");
        var id = options.Id ?? Path.GetFileNameWithoutExtension(options.Media);
        return [new MediaManifestEntry(id, Path.GetFullPath(options.Media),
            options.Captions is null ? null : Path.GetFullPath(options.Captions), options.Text, 0)];
    }

    private AlignmentFormat? ResolveOutFormat()
    {
        if (options.Out is null)
        {
            if (options.Format is not null)
                throw new CtcAlignException("--format needs --out FILE");
            return null;
        }
        if (options.Format is not null)
        {
            return ParseFormat(options.Format) is { } f
                ? f
                : throw new CtcAlignException($"unknown --format '{options.Format}' (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d, json, ctm, textgrid)");
        }
        return FormatFromExtension(options.Out)
            ?? throw new CtcAlignException($"cannot tell the format of --out {options.Out}: add --format srt|vtt|sbv|ass|scc|stl|ttml|dfxp|ebu-tt-d|json|ctm|textgrid");
    }

    /// <summary>A <c>--format</c> name (any case; dashes ignored, so "ebu-tt-d"); null when it names no format.</summary>
    internal static AlignmentFormat? ParseFormat(string name) =>
        Enum.TryParse<AlignmentFormat>(name.Replace("-", ""), ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(name, out _) ? f : null;

    internal static AlignmentFormat? FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".srt" => AlignmentFormat.Srt,
        ".vtt" => AlignmentFormat.Vtt,
        ".json" => AlignmentFormat.Json,
        ".ctm" => AlignmentFormat.Ctm,
        ".textgrid" => AlignmentFormat.TextGrid,
        ".sbv" => AlignmentFormat.Sbv,
        ".ass" or ".ssa" => AlignmentFormat.Ass,
        ".scc" => AlignmentFormat.Scc,
        ".stl" => AlignmentFormat.Stl,
        ".ttml" => AlignmentFormat.Ttml,
        ".dfxp" => AlignmentFormat.Dfxp,
        ".xml" => path.EndsWith(".ebuttd.xml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ebu-tt-d.xml", StringComparison.OrdinalIgnoreCase)
            ? AlignmentFormat.EbuTtD : AlignmentFormat.Ttml,
        _ => null,
    };

    private static string Describe(FileResult r) => r.Outcome switch
    {
        Outcome.Aligned when r.Alignment!.Segments.Count > 0 && r.Alignment.Segments.All(s => s.Status == SegmentStatus.NotAligned) =>
            $"aligned ({CountLine(r.Alignment.Segments)}): no line could be placed; do these captions belong to this media?",
        Outcome.Aligned when r.Alignment!.MismatchNote is { } note => $"aligned against the match check ({CountLine(r.Alignment.Segments)}): {note}",
        Outcome.Aligned => $"aligned ({CountLine(r.Alignment!.Segments)})" + MatchScore(r.Alignment),
        Outcome.Skipped => "already aligned with these settings, skipped (--force to redo)",
        _ => "cancelled, rolled back",
    };

    private static string MatchScore(MediaAlignment alignment) =>
        alignment.CaptionMatchNote is { } note ? $"; captions match the media ({note})" : "";

    private static void WriteSummary(CliConsole console, FileResult?[] results, TimeSpan elapsed, bool cancelled)
    {
        int Count(Outcome o) => results.Count(r => r?.Outcome == o);
        var segments = results.Where(r => r?.Alignment is not null).SelectMany(r => r!.Alignment!.Segments).ToList();
        var audio = results.Where(r => r?.Outcome == Outcome.Aligned).Sum(r => r!.Alignment!.DurationSeconds);
        var notStarted = results.Count(r => r is null);
        var files = $"{results.Length} file(s): {Count(Outcome.Aligned)} aligned, {Count(Outcome.Skipped)} skipped, {Count(Outcome.Failed)} failed";
        if (cancelled)
            files += $", {Count(Outcome.Cancelled) + notStarted} not done (cancelled)";
        var speed = audio > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {ProgressText.Audio(audio)} of audio aligned at {audio / Math.Max(1e-9, elapsed.TotalSeconds):0.0}x real time")
            : "";
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files}; lines: {CountLine(segments)}; {elapsed.TotalSeconds:0.0} s") + speed);
    }

    private static string CountLine(IReadOnlyCollection<AlignedSegment> segments) =>
        $"{segments.Count(s => s.Status == SegmentStatus.Aligned)} aligned, "
        + $"{segments.Count(s => s.Status == SegmentStatus.LowConfidence)} low confidence, "
        + $"{segments.Count(s => s.Status == SegmentStatus.NotAligned)} not aligned";

    internal static string ToolVersion =>
        typeof(AlignCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AlignCommand).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Deletes a database file this run created (with its -wal and -shm) when the run stored nothing in it.</summary>
    private sealed class NewDatabaseCleanup(string path, Func<bool> stored) : IDisposable
    {
        private readonly bool _existed = File.Exists(path);

        public void Dispose()
        {
            if (_existed || stored() || SegmentStore.IsPostgres(path))
                return;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>The aligner could not be created: the whole run fails with its reason, not each file.</summary>
    private sealed class AlignerUnavailableException(Exception inner) : Exception(inner.Message, inner);
}
