using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// Reads SubRip (.srt) captions. Tolerates CRLF, missing cue numbers, missing blank lines between cues, blank
/// lines inside a cue's text, '.' instead of ',' in times, position suffixes after the end time and markup.
/// </summary>
public static partial class SrtReader
{
    [GeneratedRegex(@"^\d{1,3}:\d{1,2}:\d{1,2}")]
    private static partial Regex StartsWithClock();

    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var cues = new List<(double Start, double End, List<string> Lines)>();
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
            {
                if (cues.Count == 0 || StartsWithClock().IsMatch(line))
                    throw new CaptionFormatException($"{source}:{i + 1}: expected a cue timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found '{Shorten(line)}'");
                // Text after a blank line inside a cue: it still belongs to the cue before.
                while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsNextCue(lines, i))
                    cues[^1].Lines.Add(lines[i++]);
                continue;
            }
            i++;

            var textLines = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsNextCue(lines, i))
                textLines.Add(lines[i++]);
            cues.Add((start, end, textLines));
        }

        return CaptionText.ToCaptionLines(cues, source);
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
