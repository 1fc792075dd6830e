namespace CtcAlign.Formats;

/// <summary>
/// Reads SubRip (.srt) captions. Tolerates CRLF, missing cue numbers, missing blank lines between cues,
/// '.' instead of ',' in times, position suffixes after the end time and markup in the text.
/// </summary>
public static class SrtReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var result = new List<CaptionLine>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                i++;
                continue;
            }

            if (IsCueNumber(line) && i + 1 < lines.Length && lines[i + 1].Contains("-->", StringComparison.Ordinal))
                line = lines[++i].Trim();
            if (!CaptionTimestamp.TryParseTiming(line, source, i + 1, out var start, out var end))
                throw new CaptionFormatException($"{source}:{i + 1}: expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '{Shorten(line)}'");
            i++;

            var textLines = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsNextCue(lines, i))
                textLines.Add(lines[i++]);
            var cleaned = CaptionText.Clean(textLines);
            if (cleaned.Length > 0)
                result.Add(new CaptionLine(result.Count, cleaned, start, end));
        }

        if (result.Count == 0)
            throw new CaptionFormatException($"{source}: no captions with text");
        return result;
    }

    private static bool StartsNextCue(string[] lines, int i)
    {
        var line = lines[i];
        if (line.Contains("-->", StringComparison.Ordinal))
            return true;
        return IsCueNumber(line.Trim()) && i + 1 < lines.Length && lines[i + 1].Contains("-->", StringComparison.Ordinal);
    }

    private static bool IsCueNumber(string line) => line.Length > 0 && line.All(char.IsAsciiDigit);

    internal static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
