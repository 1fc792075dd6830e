using System.Net;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>Cleans the text of one cue: caption markup removed (&lt;i&gt;, &lt;v Name&gt;, &lt;00:01.000&gt;, {\an8}), entities decoded, lines joined by a space.</summary>
public static partial class CaptionText
{
    /// <summary>Caption markup only (SRT's i, b, u, s, font; WebVTT's c, v, lang, ruby, rt, span and inline times), so "&lt;no&gt;" in text stays.</summary>
    [GeneratedRegex(@"</?(?:i|b|u|s|font|c|v|lang|ruby|rt|span)(?:[.\s][^<>]*)?>|<\d[\d:.]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\{\\[^{}]*\}")]
    private static partial Regex AssOverride();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The cue's lines as one line of plain text (empty when the cue holds only markup).</summary>
    public static string Clean(IEnumerable<string> lines)
    {
        var joined = string.Join(' ', lines);
        joined = AssOverride().Replace(joined, " ");
        joined = HtmlTag().Replace(joined, "");
        joined = WebUtility.HtmlDecode(joined).Replace('\u00A0', ' ').Replace("\u200E", "").Replace("\u200F", "");
        return Whitespace().Replace(joined, " ").Trim();
    }

    /// <summary>Numbers the cues that have text left after cleaning, 0-based; a file with none is an error.</summary>
    public static IReadOnlyList<CaptionLine> ToCaptionLines(
        IEnumerable<(double Start, double End, List<string> Lines)> cues, string source)
    {
        var result = new List<CaptionLine>();
        foreach (var (start, end, textLines) in cues)
        {
            var cleaned = Clean(textLines);
            if (cleaned.Length > 0)
                result.Add(new CaptionLine(result.Count, cleaned, start, end));
        }
        if (result.Count == 0)
            throw new CaptionFormatException($"{source}: no captions with text");
        return result;
    }
}
