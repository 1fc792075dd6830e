namespace CtcAlign.Formats;

/// <summary>Reads a plain transcript: every non-blank line is one caption line, with no times.</summary>
public static class PlainTextReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source)
    {
        var result = new List<CaptionLine>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var cleaned = CaptionText.Clean([raw.TrimStart('\uFEFF')]);
            if (cleaned.Length > 0)
                result.Add(new CaptionLine(result.Count, cleaned));
        }
        if (result.Count == 0)
            throw new CaptionFormatException($"{source}: no caption text");
        return result;
    }
}
