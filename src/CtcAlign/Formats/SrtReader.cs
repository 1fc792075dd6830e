using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// Reads SubRip (.srt) captions and goes on past what broadcasters' files get wrong, with one warning per
/// kind of problem: CR, LF or CRLF line endings, byte-order marks inside the file, missing cue numbers,
/// missing blank lines between cues, blank lines inside a cue's text, '.' instead of ',' in times,
/// coordinates after the end time, malformed or reversed times (dropped: times are only hints), a cue number
/// with no timing line, text before the first cue (read as cues without times), cues out of order or
/// overlapping. Each cue's text is kept as written; the aligner gets its spoken text.
/// </summary>
public static partial class SrtReader
{
    [GeneratedRegex(@"^\d{1,3}:\d{1,2}:\d{1,2}")]
    private static partial Regex StartsWithClock();

    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source) => ParseDocument(text, source).Lines;

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var warnings = new CaptionWarnings(source);
        var lines = CaptionText.SplitLines(text, warnings);
        if (!lines.Any(l => IsTiming(l.Trim())))
            throw new CaptionFormatException($"{source}: no cue timing lines ('HH:MM:SS,mmm --> HH:MM:SS,mmm'); is it an SRT file?");

        var blocks = new List<CaptionBlock>();
        var textBlocks = new List<(int Cue, List<string> Lines)>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                i++;
                continue;
            }

            var number = blocks.Count + 1;
            var numbered = IsCueNumber(line) && i + 1 < lines.Length && IsTiming(lines[i + 1].Trim());
            if (numbered || IsTiming(line))
            {
                if (numbered)
                    line = lines[++i].Trim();
                var timingLine = i + 1;
                var problem = CaptionTimestamp.ParseTiming(line, out var start, out var end, out var settings);
                if (problem is not null)
                    warnings.Add(problem, number, timingLine, $"{problem} '{Shorten(line)}'; its times are ignored");
                i++;
                var textLines = ReadText(lines, ref i, number + 1, warnings);
                blocks.Add(CaptionBlock.Of(new CaptionCue(number, timingLine, null, start, end, settings, textLines)));
                continue;
            }

            if (IsCueNumber(line) && int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == number)
            {
                // The cue's number with no timing line after it: its text is a caption without times.
                var numberLine = ++i;
                var textLines = ReadText(lines, ref i, number + 1, warnings);
                warnings.Add("no-times", number, numberLine, textLines.Count > 0
                    ? "a cue number with no timing line; its text is read without times"
                    : "a cue number with no timing line and no text; skipped");
                blocks.Add(CaptionBlock.Of(new CaptionCue(number, numberLine, null, null, null, "", textLines)));
                continue;
            }

            var firstLine = i + 1;
            var more = ReadText(lines, ref i, blocks.Count == 0 ? number + 1 : number, warnings);
            if (blocks.Count == 0)
            {
                warnings.Add("before-first", number, firstLine, "text before the first timing line; read as a cue without times");
                blocks.Add(CaptionBlock.Of(new CaptionCue(number, firstLine, null, null, null, "", more)));
            }
            else
            {
                // Text after a blank line inside a cue: it still belongs to the cue before.
                var previous = blocks[^1].Cue!;
                warnings.Add("blank-inside", previous.Number, firstLine, "a blank line inside the cue's text; the text after it is kept in the cue");
                blocks[^1] = CaptionBlock.Of(previous with { TextLines = [.. previous.TextLines, .. more] });
            }
        }

        return CaptionDocument.Build(CaptionFileKind.Srt, [], blocks, source, text, warnings);
    }

    /// <summary>A cue's text lines from line <paramref name="i"/>: up to a blank line or the next cue (reported: no blank line before it).</summary>
    private static List<string> ReadText(string[] lines, ref int i, int nextNumber, CaptionWarnings warnings)
    {
        var text = new List<string>();
        while (i < lines.Length && lines[i].Trim().Length > 0)
        {
            if (StartsNextCue(lines, i))
            {
                warnings.Add("no-blank", nextNumber, i + 1, "no blank line before this cue");
                break;
            }
            text.Add(lines[i++]);
        }
        return text;
    }

    private static bool StartsNextCue(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (IsTiming(line))
            return true;
        return IsCueNumber(line) && i + 1 < lines.Length && IsTiming(lines[i + 1].Trim());
    }

    /// <summary>A timing line, well formed or not: it has "-->" or starts with a clock time.</summary>
    private static bool IsTiming(string line) => line.Contains("-->", StringComparison.Ordinal) || StartsWithClock().IsMatch(line);

    private static bool IsCueNumber(string line) => line.Length is > 0 and <= 9 && line.All(char.IsAsciiDigit);

    internal static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
