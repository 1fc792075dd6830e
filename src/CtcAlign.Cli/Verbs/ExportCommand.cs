using System.Globalization;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Exports stored alignments. For alignment files, lines below --min-confidence count as not aligned (dropped,
/// or kept at their original times in srt/vtt with --keep-unaligned); corpora cut clips through the clip source.
/// </summary>
public sealed class ExportCommand(ExportOptions options, IClipSource clipSource) : IVerbCommand
{
    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (!(options.Padding >= 0) || double.IsInfinity(options.Padding))
            throw new CtcAlignException($"--padding must be 0 or more (got {options.Padding.ToString(CultureInfo.InvariantCulture)})");
        if (!(options.MinDuration >= 0) || double.IsInfinity(options.MinDuration))
            throw new CtcAlignException($"--min-duration must be 0 or more (got {options.MinDuration.ToString(CultureInfo.InvariantCulture)})");
        if (!(options.MaxDuration >= 0) || double.IsInfinity(options.MaxDuration))
            throw new CtcAlignException($"--max-duration must be 0 (no limit) or more (got {options.MaxDuration.ToString(CultureInfo.InvariantCulture)})");
        if (options.MinP is { } minP && !(minP >= 0 && minP <= 1))
            throw new CtcAlignException($"--min-p must be from 0 to 1 (got {minP.ToString(CultureInfo.InvariantCulture)})");
        var corpusOptions = new CorpusExportOptions(options.MinConfidence, options.Padding, !options.OriginalText,
            options.MaxDuration > 0 ? options.MaxDuration : null, options.MinDuration, options.Clips) { MinP = options.MinP };
        if (corpusOptions.Problem() is { } problem)
            throw new CtcAlignException(problem.Replace("padding", "--padding").Replace("maximum duration", "--max-duration").Replace("minimum duration", "--min-duration"));
        CorpusFormat? corpusFormat = options.Format.ToLowerInvariant() switch
        {
            "nemo" => CorpusFormat.Nemo,
            "kaldi" => CorpusFormat.Kaldi,
            "hf" => CorpusFormat.HuggingFace,
            "lhotse" => CorpusFormat.Lhotse,
            _ => null,
        };
        var fileFormat = corpusFormat is not null ? (AlignmentFormat?)null : AlignCommand.ParseFormat(options.Format)
            ?? throw new CtcAlignException($"unknown --format '{options.Format}' (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d, json, ctm, textgrid, nemo, kaldi, hf, lhotse)");
        var subtitles = options.ToSubtitleOptions();
        if (subtitles.Karaoke && (fileFormat is not { } karaokeFormat || !KaraokeWriter.Supports(karaokeFormat)))
            throw new CtcAlignException($"--karaoke highlights words in srt, vtt, ass, ttml or dfxp; not in {options.Format}");
        if (subtitles.SccRollUpRows is not null && fileFormat != AlignmentFormat.Scc)
            throw new CtcAlignException($"--scc-mode roll-up is for scc output; not {options.Format}");
        if (subtitles.SccChannel is not null && fileFormat != AlignmentFormat.Scc)
            throw new CtcAlignException($"--scc-out-channel is for scc output; not {options.Format}");
        using var store = SegmentStore.Open(options.Database, readOnly: true);
        var media = StoredMediaSelection.NotEmpty(store.LoadAlignments(options.Media), store, options.Media);
        if (options.MinP is not null && !media.Any(m => m.Segments.Any(s => s.PCorrect is not null)))
            throw new CtcAlignException($"--min-p: {store.Path} holds no p_correct (aligned with a model without calibration, or before p_correct existed)");

        if (corpusFormat is { } format)
        {
            if (OutputFile.IsStandardOutput(options.Out))
                throw new CtcAlignException($"--out {options.Out}: corpus exports need a folder, not standard output");
            if (File.Exists(options.Out))
                throw new CtcAlignException($"--out {options.Out} is a file; corpus exports need a folder");
            var removed = CorpusOutputFolder.Prepare(options.Out, options.Overwrite);
            if (removed > 0)
                console.Error.WriteLine($"--overwrite: removed {removed} files of an earlier export from {options.Out}");
            var result = CorpusExporter.Export(format, options.Out, media, clipSource, corpusOptions, cancellationToken);
            var seconds = result.Utterances.Sum(u => u.DurationSeconds);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exported {result.Utterances.Count} utterances ({TimeSpan.FromSeconds(Math.Round(seconds)):g} of audio) from {media.Count} media to {options.Out}"));
            if (result.LinesNotSplit > 0)
                console.Out.WriteLine($"left out {result.LinesNotSplit} lines longer than --max-duration that could not be split at word pauses");
            if (result.ClipsTooShort > 0)
                console.Out.WriteLine($"left out {result.ClipsTooShort} clips shorter than --min-duration");
            if (result.LinesWithWordsOutside > 0)
                console.Out.WriteLine($"left out {result.LinesWithWordsOutside} lines with words more than 50 ms outside the line's span (the clip would not hold their text)");
            if (result.LinesWithUnalignableWords > 0)
                console.Out.WriteLine($"left out {result.LinesWithUnalignableWords} lines with words the model cannot spell (see README, text for training)");
            return Task.FromResult(ExitCodes.Success);
        }

        var alignmentFormat = fileFormat!.Value;
        var filtered = media.Select(m => Filter(m, alignmentFormat)).ToList();
        var lines = filtered.Sum(m => m.Segments.Count(s => s.Status != SegmentStatus.NotAligned));
        var reports = new List<(string Path, SubtitleReport Report)>();
        if (OutputFile.IsStandardOutput(options.Out))
        {
            AlignmentFileWriter.CheckWritable(alignmentFormat, options.Out, filtered.Count);
            AlignmentFileWriter.Write(alignmentFormat, console.Out, filtered, subtitles, options.CaptionSpelling, reports);
            foreach (var (_, report) in reports)
                console.Error.WriteLine($"exported to standard output: {report.Describe()}");
            if (reports.Count == 0)
                console.Error.WriteLine($"exported {lines} lines of {media.Count} media to standard output");
            return Task.FromResult(ExitCodes.Success);
        }
        var written = AlignmentFileWriter.Write(alignmentFormat, options.Out, filtered, subtitles, reports, captionSpelling: options.CaptionSpelling);
        if (reports.Count > 0)
        {
            foreach (var (path, report) in reports)
                console.Out.WriteLine($"exported {path}: {report.Describe()}");
            return Task.FromResult(ExitCodes.Success);
        }
        console.Out.WriteLine($"exported {lines} lines of {media.Count} media to {string.Join(", ", written)}");
        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>
    /// Lines below --min-confidence (or --min-p) become not aligned; json, ctm and textgrid leave out not-aligned lines
    /// then; srt/vtt write every placed line at or above it (as if aligned).
    /// </summary>
    private MediaAlignment Filter(MediaAlignment media, AlignmentFormat format)
    {
        if (options.MinConfidence is null && options.MinP is null)
            return media;
        var min = options.MinConfidence ?? double.NegativeInfinity;
        var subtitles = format is AlignmentFormat.Srt or AlignmentFormat.Vtt or AlignmentFormat.Sbv or AlignmentFormat.Ass or AlignmentFormat.Scc or AlignmentFormat.Stl
            or AlignmentFormat.Ttml or AlignmentFormat.Dfxp or AlignmentFormat.EbuTtD;
        var segments = media.Segments
            .Select(s => s.Status != SegmentStatus.NotAligned && (s.Rho < min || options.MinP is { } minP && !(s.PCorrect >= minP))
                ? s with { Status = SegmentStatus.NotAligned }
                : s)
            .Select(s => subtitles && s.Status == SegmentStatus.LowConfidence ? s with { Status = SegmentStatus.Aligned } : s)
            .Where(s => subtitles || s.Status != SegmentStatus.NotAligned)
            .ToList();
        return media with { Segments = segments };
    }
}
