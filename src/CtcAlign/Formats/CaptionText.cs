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

    /// <summary>One markup tag: group 1 the closing slash, group 2 the name (or a digit for an inline time).</summary>
    [GeneratedRegex(@"<(/?)(i|b|u|s|font|c|v|lang|ruby|rt|span|\d)(?:[.\s:][^<>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The cue's lines as one line of plain text (empty when the cue holds only markup).</summary>
    public static string Clean(IEnumerable<string> lines)
    {
        var joined = string.Join(' ', lines);
        joined = AssOverride().Replace(joined, "");
        joined = HtmlTag().Replace(joined, "");
        joined = WebUtility.HtmlDecode(joined).Replace('\u00A0', ' ').Replace("\u200E", "").Replace("\u200F", "");
        return Whitespace().Replace(joined, " ").Trim();
    }

    /// <summary>An SRT cue line as WebVTT: i, b and u kept, font, s and {\an8}-style overrides dropped, other text escaped.</summary>
    public static string SrtToVtt(string line) => Convert(AssOverride().Replace(line, ""), name => name is "i" or "b" or "u", escape: true);

    /// <summary>A WebVTT cue line as SRT: i, b and u kept (without classes), voice, class, language, ruby and time tags dropped, entities decoded.</summary>
    public static string VttToSrt(string line) => Convert(line, name => name is "i" or "b" or "u", escape: false);

    private static string Convert(string line, Func<string, bool> keep, bool escape)
    {
        var result = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match m in MarkupTag().Matches(line))
        {
            result.Append(Text(line[at..m.Index]));
            var name = m.Groups[2].Value.ToLowerInvariant();
            if (keep(name))
                result.Append('<').Append(m.Groups[1].Value).Append(name).Append('>');
            at = m.Index + m.Length;
        }
        result.Append(Text(line[at..]));
        return result.ToString();

        string Text(string text)
        {
            var decoded = WebUtility.HtmlDecode(text);
            return escape ? decoded.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") : decoded;
        }
    }

    /// <summary>The text the aligner hears in a cue: its plain text (see <see cref="Clean"/>).</summary>
    public static string Spoken(IEnumerable<string> lines) => Clean(lines);

    /// <summary>
    /// Splits caption text into lines at "\r\n", "\r" or "\n" (only those, so line numbers match what
    /// editors show) and removes byte-order marks: the one at the start silently, any other with a warning.
    /// </summary>
    internal static string[] SplitLines(string text, CaptionWarnings warnings)
    {
        var lines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains('\uFEFF'))
                continue;
            var atStart = i == 0 && lines[i].IndexOf('\uFEFF') == 0 && lines[i].IndexOf('\uFEFF', 1) < 0;
            lines[i] = lines[i].Replace("\uFEFF", "");
            if (!atStart)
                warnings.Add("bom", 0, i + 1, "a byte-order mark inside the file (removed; files joined together?)");
        }
        return lines;
    }
}
