using System.Text;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes alignments to a file in one <see cref="AlignmentFormat"/>. JSON and CTM hold every media in one file;
/// SRT, WebVTT and TextGrid hold one media each, so with several media <c>outPath</c> is a folder that gets
/// one <c>&lt;name&gt;.&lt;ext&gt;</c> per media (<see cref="MediaFileNames"/>: distinct ids, distinct names). Files are written through
/// symbolic links to a temporary name and then moved into place (<see cref="OutputFile"/>). Times are written on the
/// programme's timeline (<see cref="MediaAlignment.OnOutputTimeline"/>).
/// </summary>
public static class AlignmentFileWriter
{
    public static string Extension(AlignmentFormat format) => format switch
    {
        AlignmentFormat.Srt => ".srt",
        AlignmentFormat.Vtt => ".vtt",
        AlignmentFormat.Json => ".json",
        AlignmentFormat.Ctm => ".ctm",
        AlignmentFormat.TextGrid => ".TextGrid",
        AlignmentFormat.Sbv => ".sbv",
        AlignmentFormat.Ass => ".ass",
        AlignmentFormat.Scc => ".scc",
        AlignmentFormat.Stl => ".stl",
        AlignmentFormat.Ttml => ".ttml",
        AlignmentFormat.Dfxp => ".dfxp",
        AlignmentFormat.EbuTtD => ".ebuttd.xml",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    /// <summary>True when the format holds one media per file, so several media need a folder.</summary>
    public static bool IsPerMedia(AlignmentFormat format) => format is AlignmentFormat.Srt or AlignmentFormat.Vtt or AlignmentFormat.Sbv or AlignmentFormat.Ass or AlignmentFormat.Scc
        or AlignmentFormat.Stl or AlignmentFormat.Ttml or AlignmentFormat.Dfxp or AlignmentFormat.EbuTtD or AlignmentFormat.TextGrid;

    /// <summary>
    /// Throws an <see cref="IOException"/> when writing could not create <paramref name="outPath"/> for
    /// <paramref name="mediaCount"/> media, so a command can fail before its work instead of after it.
    /// </summary>
    public static void CheckWritable(AlignmentFormat format, string outPath, int mediaCount)
    {
        if (OutputFile.IsStandardOutput(outPath))
        {
            if (format == AlignmentFormat.Stl)
                throw new IOException($"{outPath} (standard output): EBU STL is binary; give a file (--out NAME.stl)");
            if (IsPerMedia(format) && mediaCount > 1)
                throw new IOException($"{outPath} (standard output) holds one media in {format.ToString().ToLowerInvariant()}; give a folder for {mediaCount} media");
            return;
        }
        if (IsPerMedia(format) && (mediaCount > 1 || Directory.Exists(outPath)))
            OutputFile.CheckFolderWritable(outPath);
        else
            OutputFile.CheckWritable(outPath);
    }

    /// <summary>Writes one file's worth (json or ctm of any media; srt, vtt or textgrid of one media) to a text writer, such as stdout.</summary>
    public static void Write(AlignmentFormat format, TextWriter writer, IReadOnlyList<MediaAlignment> media, bool keepUnaligned, bool captionSpelling = false) =>
        Write(format, writer, media, SubtitleOptions.Default with { KeepUnaligned = keepUnaligned }, captionSpelling);

    /// <summary>As above with the subtitle clean-up options; for SRT/WebVTT, <paramref name="reports"/> gets what was written.</summary>
    public static void Write(AlignmentFormat format, TextWriter writer, IReadOnlyList<MediaAlignment> media, SubtitleOptions subtitles,
        bool captionSpelling = false, IList<(string Path, SubtitleReport Report)>? reports = null)
    {
        media = media.Select(m => m.OnOutputTimeline()).ToList();
        switch (format)
        {
            case AlignmentFormat.Json:
                using (var buffer = new MemoryStream())
                {
                    AlignmentJsonWriter.Write(buffer, media);
                    writer.Write(new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }
                break;
            case AlignmentFormat.Ctm:
                CtmWriter.Write(writer, media, captionSpelling);
                break;
            default:
                if (media.Count != 1)
                    throw new IOException($"{format.ToString().ToLowerInvariant()} holds one media; got {media.Count}");
                WriteOne(format, writer, "-", media[0], subtitles, captionSpelling, reports);
                break;
        }
        writer.Flush();
    }

    /// <summary>Writes and returns the paths written (see the overload with <see cref="SubtitleOptions"/>).</summary>
    public static IReadOnlyList<string> Write(AlignmentFormat format, string outPath, IReadOnlyList<MediaAlignment> media, bool keepUnaligned, bool asFolder = false,
        bool captionSpelling = false) =>
        Write(format, outPath, media, SubtitleOptions.Default with { KeepUnaligned = keepUnaligned }, null, asFolder, captionSpelling);

    /// <summary>
    /// Writes and returns the paths written (as given: a link's name, though the file replaced is its target). <paramref name="asFolder"/>: write
    /// one file per media into the folder <paramref name="outPath"/> even for one media (srt, vtt, textgrid). For SRT/WebVTT,
    /// <paramref name="reports"/> gets what each file holds, in write order.
    /// </summary>
    public static IReadOnlyList<string> Write(AlignmentFormat format, string outPath, IReadOnlyList<MediaAlignment> media, SubtitleOptions subtitles,
        IList<(string Path, SubtitleReport Report)>? reports = null, bool asFolder = false, bool captionSpelling = false)
    {
        media = media.Select(m => m.OnOutputTimeline()).ToList();
        if (format is AlignmentFormat.Json or AlignmentFormat.Ctm)
        {
            OutputFile.Write(outPath, stream =>
            {
                if (format == AlignmentFormat.Json)
                    AlignmentJsonWriter.Write(stream, media);
                else
                    WithText(stream, w => CtmWriter.Write(w, media, captionSpelling));
            });
            return [outPath];
        }

        if (media.Count == 1 && !asFolder && !Directory.Exists(outPath))
        {
            WriteOne(format, outPath, media[0], subtitles, captionSpelling, reports);
            return [outPath];
        }

        Directory.CreateDirectory(outPath);
        var written = new List<string>();
        var names = MediaFileNames.Of(media.Select(m => m.Id).ToList());
        for (var i = 0; i < media.Count; i++)
        {
            var m = media[i];
            var path = Path.Combine(outPath, names[i] + Extension(format));
            WriteOne(format, path, m, subtitles, captionSpelling, reports);
            written.Add(path);
        }
        return written;
    }

    private static void WriteOne(AlignmentFormat format, string path, MediaAlignment media, SubtitleOptions subtitles, bool captionSpelling,
        IList<(string Path, SubtitleReport Report)>? reports)
    {
        if (format == AlignmentFormat.Stl)
        {
            SubtitleReport? report = null;
            OutputFile.Write(path, stream => report = StlWriter.Write(stream, media, subtitles));
            reports?.Add((path, report!));
            return;
        }
        OutputFile.Write(path, stream => WithText(stream, w => WriteOne(format, w, path, media, subtitles, captionSpelling, reports)));
    }

    private static void WriteOne(AlignmentFormat format, TextWriter w, string path, MediaAlignment media, SubtitleOptions subtitles, bool captionSpelling,
        IList<(string Path, SubtitleReport Report)>? reports)
    {
        SubtitleReport? report = null;
        switch (format)
        {
            case AlignmentFormat.Srt: report = SubtitleWriter.WriteSrt(w, media, subtitles); break;
            case AlignmentFormat.Vtt: report = SubtitleWriter.WriteVtt(w, media, subtitles); break;
            case AlignmentFormat.Sbv: report = SubtitleWriter.WriteSbv(w, media, subtitles); break;
            case AlignmentFormat.Ass: report = SubtitleWriter.WriteAss(w, media, subtitles); break;
            case AlignmentFormat.Scc: report = SccWriter.Write(w, media, subtitles); break;
            case AlignmentFormat.Stl: throw new IOException("EBU STL is binary: it is written to a file, not a text stream");
            case AlignmentFormat.Ttml: report = TtmlWriter.Write(w, media, subtitles, TtmlFlavour.Imsc); break;
            case AlignmentFormat.Dfxp: report = TtmlWriter.Write(w, media, subtitles, TtmlFlavour.Dfxp); break;
            case AlignmentFormat.EbuTtD: report = TtmlWriter.Write(w, media, subtitles, TtmlFlavour.EbuTtD); break;
            default: TextGridWriter.Write(w, media, captionSpelling); break;
        }
        if (report is not null)
            reports?.Add((path, report));
    }

    private static void WithText(Stream stream, Action<TextWriter> write)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        write(w);
    }
}
