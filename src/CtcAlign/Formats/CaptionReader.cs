namespace CtcAlign.Formats;

/// <summary>Reads a caption file of any supported kind, chosen by extension (.srt, .vtt) or by content (WEBVTT header, SRT timing lines), else plain text.</summary>
public static class CaptionReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => ReadDocument(path).Lines;

    /// <summary>The whole file (cues as written, blocks, warnings); the file's kind from its extension or content.</summary>
    public static CaptionDocument ReadDocument(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    /// <summary>Parses caption text that came from <paramref name="path"/> (its extension picks the kind, as in <see cref="ReadDocument"/>).</summary>
    public static CaptionDocument Parse(string text, string path)
    {
        if (path == TextSource)
            return PlainTextReader.ParseDocument(text, path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".vtt" || (ext != ".srt" && text.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal)))
            return VttReader.ParseDocument(text, path);
        if (ext == ".srt" || (ext is not ".txt" && LooksLikeSrt(text)))
            return SrtReader.ParseDocument(text, path);
        return PlainTextReader.ParseDocument(text, path);
    }

    /// <summary>The name captions given on the command line are known by.</summary>
    public const string TextSource = "--text";

    /// <summary>Captions from text given on the command line: one caption per line.</summary>
    public static IReadOnlyList<CaptionLine> FromText(string text) => PlainTextReader.Parse(text, TextSource);

    private static bool LooksLikeSrt(string text)
    {
        var firstLines = text.ReplaceLineEndings("\n").Split('\n', 6);
        return firstLines.Take(5).Any(l => l.Contains("-->", StringComparison.Ordinal));
    }
}
