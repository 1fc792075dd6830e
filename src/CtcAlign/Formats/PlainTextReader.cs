namespace CtcAlign.Formats;

/// <summary>Reads a plain transcript: every non-blank line is one caption line (a cue without times).</summary>
public static class PlainTextReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source) => ParseDocument(text, source).Lines;

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var warnings = new CaptionWarnings(source);
        var blocks = new List<CaptionBlock>();
        var lines = CaptionText.SplitLines(text, warnings);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
                blocks.Add(CaptionBlock.Of(new CaptionCue(blocks.Count + 1, i + 1, null, null, null, "", [lines[i].Trim()])));
        }
        if (blocks.Count == 0)
            throw new CaptionFormatException($"{source}: no caption text");
        return CaptionDocument.Build(CaptionFileKind.PlainText, [], blocks, source, text, warnings);
    }
}
