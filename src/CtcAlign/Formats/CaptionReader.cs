namespace CtcAlign.Formats;

/// <summary>Reads a caption file of any supported kind, chosen by extension (.srt, .vtt, .sbv, .ass, .ssa, .scc, .stl, .ttml, .dfxp, .xml) or by content (WEBVTT header, [Script Info], Scenarist_SCC, an EBU STL GSI block, a TTML root, SBV or SRT timing lines), else plain text.</summary>
public static class CaptionReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => ReadDocument(path).Lines;

    /// <summary>
    /// The whole file (cues as written, blocks, warnings); the file's kind from its extension or content. SCC: the
    /// captions of data channel <paramref name="sccChannel"/> (1: CC1, 2: CC2); other kinds ignore it.
    /// </summary>
    public static CaptionDocument ReadDocument(string path, int sccChannel = 1) =>
        StlReader.IsStlFile(path) ? StlReader.ReadDocument(path) : Parse(CaptionTextDecoder.ReadFile(path), path, sccChannel);

    /// <summary>Parses caption text that came from <paramref name="path"/> (its extension picks the kind, as in <see cref="ReadDocument"/>).</summary>
    public static CaptionDocument Parse(string text, string path, int sccChannel = 1)
    {
        if (path == TextSource)
            return PlainTextReader.ParseDocument(text, path);
        if (StlReader.IsStoredText(text))
            return StlReader.ParseStored(text, path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".scc" || SccReader.LooksLikeScc(text))
            return SccReader.ParseDocument(text, path, sccChannel);
        if (ext is ".ttml" or ".dfxp" or ".xml" || (ext is not ".srt" and not ".vtt" and not ".txt" && TtmlReader.LooksLikeTtml(text)))
            return TtmlReader.ParseDocument(text, path);
        if (ext == ".vtt" || (ext != ".srt" && text.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal)))
            return VttReader.ParseDocument(text, path);
        if (ext is ".ass" or ".ssa" || (ext is not ".srt" and not ".vtt" and not ".txt" && AssReader.LooksLikeAss(text)))
            return AssReader.ParseDocument(text, path);
        if (ext == ".sbv" || (ext is not ".srt" and not ".txt" && LooksLikeSbv(text)))
            return SbvReader.ParseDocument(text, path);
        if (ext == ".srt" || (ext is not ".txt" && LooksLikeSrt(text)))
            return SrtReader.ParseDocument(text, path);
        return PlainTextReader.ParseDocument(text, path);
    }

    /// <summary>The name captions given on the command line are known by.</summary>
    public const string TextSource = "--text";

    /// <summary>Captions from text given on the command line: one caption per line.</summary>
    public static IReadOnlyList<CaptionLine> FromText(string text) => PlainTextReader.Parse(text, TextSource);

    /// <summary>The first line with text is an SBV timing line ("0:00:01.000,0:00:02.000").</summary>
    private static bool LooksLikeSbv(string text) =>
        text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n', 20).FirstOrDefault(l => l.Trim().Length > 0) is { } first && SbvReader.IsTiming(first);

    private static bool LooksLikeSrt(string text)
    {
        var firstLines = text.ReplaceLineEndings("\n").Split('\n', 6);
        return firstLines.Take(5).Any(l => l.Contains("-->", StringComparison.Ordinal));
    }
}
