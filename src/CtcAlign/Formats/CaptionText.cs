using System.Net;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>Cleans the text of one cue: markup removed (&lt;i&gt;, &lt;v Name&gt;, {\an8}), entities decoded, lines joined by a space.</summary>
public static partial class CaptionText
{
    [GeneratedRegex(@"<[^<>]*>")]
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
}
