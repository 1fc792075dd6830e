namespace CtcAlign.Formats;

/// <summary>
/// Reads WebVTT captions: skips the header, NOTE, STYLE and REGION blocks, cue identifiers and cue settings;
/// strips voice, class and inline-timestamp tags from the text; text after a blank line inside a cue stays in it.
/// </summary>
public static class VttReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (!lines[0].TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal))
            throw new CaptionFormatException($"{source}:1: not a WebVTT file (the first line must start with WEBVTT)");

        var i = 1;
        while (i < lines.Length && lines[i].Trim().Length > 0 && !lines[i].Contains("-->", StringComparison.Ordinal))
            i++; // header lines after WEBVTT

        var cues = new List<(double Start, double End, List<string> Lines)>();
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                i++;
                continue;
            }

            if (line.StartsWith("NOTE", StringComparison.Ordinal) || line == "STYLE" || line == "REGION")
            {
                while (i < lines.Length && lines[i].Trim().Length > 0)
                    i++;
                continue;
            }

            if (!line.Contains("-->", StringComparison.Ordinal))
            {
                // A cue identifier, so the timing line must follow; or text after a blank line inside the cue before.
                if (i + 1 >= lines.Length || !lines[i + 1].Contains("-->", StringComparison.Ordinal))
                {
                    if (cues.Count == 0)
                        throw new CaptionFormatException($"{source}:{i + 2}: expected a cue timing line after '{SrtReader.Shorten(line)}'");
                    while (i < lines.Length && lines[i].Trim().Length > 0 && !lines[i].Contains("-->", StringComparison.Ordinal))
                        cues[^1].Lines.Add(lines[i++]);
                    continue;
                }
                line = lines[++i].Trim();
            }

            CaptionTimestamp.TryParseTiming(line, source, i + 1, out var start, out var end);
            i++;
            var textLines = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && !lines[i].Contains("-->", StringComparison.Ordinal))
                textLines.Add(lines[i++]);
            cues.Add((start, end, textLines));
        }

        return CaptionText.ToCaptionLines(cues, source);
    }
}
