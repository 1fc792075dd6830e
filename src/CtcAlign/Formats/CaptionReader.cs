namespace CtcAlign.Formats;

/// <summary>Reads a caption file of any supported kind, chosen by extension (.srt, .vtt) or by content (WEBVTT header, SRT timing lines), else plain text.</summary>
public static class CaptionReader
{
    public static IReadOnlyList<CaptionLine> Read(string path)
    {
        var text = CaptionTextDecoder.ReadFile(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".vtt" || (ext != ".srt" && text.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal)))
            return VttReader.Parse(text, path);
        if (ext == ".srt" || (ext is not ".txt" && LooksLikeSrt(text)))
            return SrtReader.Parse(text, path);
        return PlainTextReader.Parse(text, path);
    }

    /// <summary>Captions from text given on the command line: one caption per line.</summary>
    public static IReadOnlyList<CaptionLine> FromText(string text) => PlainTextReader.Parse(text, "--text");

    private static bool LooksLikeSrt(string text)
    {
        var firstLines = text.ReplaceLineEndings("\n").Split('\n', 6);
        return firstLines.Take(5).Any(l => l.Contains("-->", StringComparison.Ordinal));
    }
}
