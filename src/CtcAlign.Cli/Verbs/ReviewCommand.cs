using System.Globalization;
using CtcAlign.Alignment;
using CtcAlign.Audio;
using CtcAlign.Review;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Writes the review folder: per stored media a self-contained page (<see cref="ReviewPage"/>) with the waveform
/// decoded from its audio, and index.html listing the media written. The database is opened read-only; a media
/// whose audio is missing or unreadable still gets its page (lines and times, no waveform or sound) and a warning.
/// </summary>
public sealed class ReviewCommand(ReviewOptions options) : IVerbCommand
{
    /// <summary>The largest compact audio file --embed-audio inlines (base64 makes it a third bigger).</summary>
    public const long MaxEmbeddedAudioBytes = 20L * 1024 * 1024;

    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Out))
            throw new CtcAlignException("--out needs a folder name");
        if (options.CopyAudio && options.EmbedAudio)
            throw new CtcAlignException("give --copy-audio or --embed-audio, not both");
        using var store = SegmentStore.Open(options.Database, readOnly: true);
        var media = StoredMediaSelection.NotEmpty(store.ListMedia(options.Media), store, options.Media);
        var outDir = Path.GetFullPath(options.Out);
        if (File.Exists(outDir))
            throw new CtcAlignException($"--out {options.Out}: is a file, not a folder");
        Directory.CreateDirectory(outDir);

        var stems = ReviewFileNames.Stems(media.Select(m => m.Id).ToList());
        var entries = new List<ReviewIndexEntry>();
        for (var i = 0; i < media.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var m = media[i];
            var alignment = store.LoadAlignment(m.Id)!;
            var (waveform, source, note) = PrepareAudio(console, alignment, outDir, stems[i], cancellationToken);
            var page = stems[i] + ".html";
            File.WriteAllText(Path.Combine(outDir, page), ReviewPage.Render(new ReviewPageData(alignment, m.Model, m.AlignedUtc, waveform, source, note)));
            var s = alignment.Segments;
            entries.Add(new ReviewIndexEntry(m.Id, Uri.EscapeDataString(page), m.Path, alignment.DurationSeconds, s.Count,
                s.Count(x => x.Status == SegmentStatus.Aligned), s.Count(x => x.Status == SegmentStatus.LowConfidence),
                s.Count(x => x.Status == SegmentStatus.NotAligned), m.Model, m.AlignedUtc));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Id}: {Path.Combine(options.Out, page)} ({s.Count} lines; audio: {note})"));
        }
        var index = Path.Combine(outDir, ReviewFileNames.IndexFile);
        File.WriteAllText(index, ReviewIndexPage.Render(entries, Path.GetFileName(options.Database)));
        console.Out.WriteLine($"open {new Uri(index).AbsoluteUri} in a browser (or serve {options.Out} with any static web server)");
        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>The waveform, the URL the page plays and a note saying where the audio comes from.</summary>
    private (WaveformOverview? Waveform, string? Source, string Note) PrepareAudio(CliConsole console, MediaAlignment alignment,
        string outDir, string stem, CancellationToken cancellationToken)
    {
        var path = alignment.AudioPath;
        if (!File.Exists(path))
        {
            console.Error.WriteLine($"ctcalign: warning: {alignment.Id}: audio file {path} not found: its page has no waveform and no sound");
            return (null, null, $"{path} not found when the page was made");
        }
        WaveformOverview waveform;
        try
        {
            waveform = MediaWaveform.Read(path, alignment.DurationSeconds, cancellationToken);
        }
        catch (AudioFormatException ex)
        {
            console.Error.WriteLine($"ctcalign: warning: {alignment.Id}: cannot read its audio ({Program.OneLine(ex.Message)}): its page has no waveform and no sound");
            return (null, null, $"{path} could not be read when the page was made");
        }

        if (options.EmbedAudio)
        {
            var temp = Path.Combine(Path.GetTempPath(), $"ctcalign-review-{Guid.NewGuid():N}");
            var copy = CompactAudioWriter.Write(path, temp, cancellationToken);
            try
            {
                var bytes = new FileInfo(copy).Length;
                if (bytes > MaxEmbeddedAudioBytes)
                    throw new CtcAlignException(string.Create(CultureInfo.InvariantCulture,
                        $"{alignment.Id}: its compact audio is {bytes / 1048576.0:0.0} MB, too big to embed (at most {MaxEmbeddedAudioBytes / 1048576} MB): use --copy-audio"));
                var uri = $"data:{CompactAudioWriter.MimeType(copy)};base64,{Convert.ToBase64String(File.ReadAllBytes(copy))}";
                return (waveform, uri, string.Create(CultureInfo.InvariantCulture, $"embedded in this page ({Path.GetExtension(copy).TrimStart('.')}, {bytes / 1024.0:0} kB), from {path}"));
            }
            finally
            {
                File.Delete(copy);
            }
        }
        if (options.CopyAudio)
        {
            var folder = Path.Combine(outDir, ReviewFileNames.AudioFolder);
            Directory.CreateDirectory(folder);
            var copy = CompactAudioWriter.Write(path, Path.Combine(folder, stem), cancellationToken);
            var url = ReviewFileNames.RelativeUrl(outDir, copy);
            return (waveform, url, string.Create(CultureInfo.InvariantCulture, $"{url} ({new FileInfo(copy).Length / 1024.0:0} kB copy of {path})"));
        }
        var container = SniffOrUnknown(path);
        if (container is MediaContainer.Aiff or MediaContainer.MpegTransport or MediaContainer.Sphere or MediaContainer.Unknown)
            console.Error.WriteLine($"ctcalign: warning: {alignment.Id}: browsers may not play {(container == MediaContainer.Unknown ? "this format" : container.ToString())} ({path}): rerun with --copy-audio");
        var link = ReviewFileNames.RelativeUrl(outDir, path);
        return (waveform, link, $"{link} (the original file, linked relative to this page)");
    }

    private static MediaContainer SniffOrUnknown(string path)
    {
        try
        {
            return MediaSniffer.Sniff(path);
        }
        catch (IOException)
        {
            return MediaContainer.Unknown;
        }
    }
}
