using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// Reads YouTube SubViewer (.sbv) captions: blocks separated by blank lines, each a timing line
/// "H:MM:SS.mmm,H:MM:SS.mmm" and its text lines. A block without a timing line is read as a cue without times
/// (warned once); reversed times are dropped (times are only hints). Text is kept as written.
/// </summary>
public static partial class SbvReader
{
    [GeneratedRegex(@"^(\d{1,3}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?)\s*,\s*(\d{1,3}:\d{1,2}:\d{1,2}(?:\.\d{1,3})?)$")]
    private static partial Regex TimingLine();

    /// <summary>True when <paramref name="line"/> is an SBV timing line.</summary>
    public static bool IsTiming(string line) => TimingLine().IsMatch(line.Trim());

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var warnings = new CaptionWarnings(source);
        var lines = CaptionText.SplitLines(text, warnings);
        if (!lines.Any(IsTiming))
            throw new CaptionFormatException($"{source}: no SBV timing lines ('H:MM:SS.mmm,H:MM:SS.mmm'); is it an SBV file?");
        var blocks = new List<CaptionBlock>();
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }
            var number = blocks.Count + 1;
            var fileLine = i + 1;
            double? start = null, end = null;
            var m = TimingLine().Match(lines[i].Trim());
            if (m.Success)
            {
                CaptionTimestamp.TryParse(m.Groups[1].Value, out var s);
                CaptionTimestamp.TryParse(m.Groups[2].Value, out var e);
                if (e >= s)
                    (start, end) = (s, e);
                else
                    warnings.Add("ends before it starts", number, fileLine, $"ends before it starts '{lines[i].Trim()}'; its times are ignored");
                i++;
            }
            else
            {
                warnings.Add("no-times", number, fileLine, "a block with no timing line; its text is read without times");
            }
            var textLines = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0 && !IsTiming(lines[i]))
                textLines.Add(lines[i++]);
            blocks.Add(CaptionBlock.Of(new CaptionCue(number, fileLine, null, start, end, "", textLines)));
        }
        return CaptionDocument.Build(CaptionFileKind.Sbv, [], blocks, source, text, warnings);
    }

    /// <summary>SBV time "H:MM:SS.mmm".</summary>
    public static string FormatTime(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }
}
