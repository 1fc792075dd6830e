using System.Text;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes alignments to a file in one <see cref="AlignmentFormat"/>. JSON and CTM hold every media in one file;
/// SRT, WebVTT and TextGrid hold one media each, so with several media <c>outPath</c> is a folder that gets
/// one <c>&lt;id&gt;.&lt;ext&gt;</c> per media. Files are written to a temporary name and then moved into place.
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
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    /// <summary>Writes and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(AlignmentFormat format, string outPath, IReadOnlyList<MediaAlignment> media, bool keepUnaligned) =>
        Write(format, outPath, media, SubtitleOptions.Default with { KeepUnaligned = keepUnaligned });

    /// <summary>Writes and returns the paths written; for SRT/WebVTT, <paramref name="reports"/> gets what each file holds, in write order.</summary>
    public static IReadOnlyList<string> Write(AlignmentFormat format, string outPath, IReadOnlyList<MediaAlignment> media,
        SubtitleOptions subtitles, IList<(string Path, SubtitleReport Report)>? reports = null)
    {
        if (format is AlignmentFormat.Json or AlignmentFormat.Ctm)
        {
            WriteAtomically(outPath, stream =>
            {
                if (format == AlignmentFormat.Json)
                    AlignmentJsonWriter.Write(stream, media);
                else
                    WithText(stream, w => CtmWriter.Write(w, media));
            });
            return [outPath];
        }

        if (media.Count == 1 && !Directory.Exists(outPath))
        {
            WriteOne(format, outPath, media[0], subtitles, reports);
            return [outPath];
        }

        Directory.CreateDirectory(outPath);
        var written = new List<string>();
        foreach (var m in media)
        {
            var path = Path.Combine(outPath, SafeFileName(m.Id) + Extension(format));
            WriteOne(format, path, m, subtitles, reports);
            written.Add(path);
        }
        return written;
    }

    private static void WriteOne(AlignmentFormat format, string path, MediaAlignment media, SubtitleOptions subtitles,
        IList<(string Path, SubtitleReport Report)>? reports) =>
        WriteAtomically(path, stream => WithText(stream, w =>
        {
            SubtitleReport? report = null;
            switch (format)
            {
                case AlignmentFormat.Srt: report = SubtitleWriter.WriteSrt(w, media, subtitles); break;
                case AlignmentFormat.Vtt: report = SubtitleWriter.WriteVtt(w, media, subtitles); break;
                default: TextGridWriter.Write(w, media); break;
            }
            if (report is not null)
                reports?.Add((path, report));
        }));

    private static void WithText(Stream stream, Action<TextWriter> write)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        write(w);
    }

    /// <summary>A media id as a file name: path separators and invalid characters replaced by '_'.</summary>
    public static string SafeFileName(string id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = id.Select(c => invalid.Contains(c) || c is '/' or '\\' or ':' || char.IsWhiteSpace(c) ? '_' : c).ToArray();
        var name = new string(chars);
        return name.Length == 0 || name is "." or ".." ? "_" : name;
    }

    internal static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new IOException($"cannot write {path}: folder {dir} does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
