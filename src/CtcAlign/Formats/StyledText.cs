using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// Caption text as characters with their <see cref="CaptionStyle"/>, to and from SRT-style markup (&lt;i&gt;, &lt;u&gt;,
/// &lt;font color&gt;; other tags and ASS overrides such as {\an8} are dropped, entities decoded), and wrapped into rows of
/// a broadcast format's width. Pure functions; shared by the SCC and EBU STL readers and writers.
/// </summary>
public static partial class StyledText
{
    /// <summary>One tag: group 1 the closing slash, group 2 the name, group 3 the rest (attributes).</summary>
    [GeneratedRegex(@"<(/?)(i|b|u|s|font|c|v|lang|ruby|rt|span|\d)((?:[.\s:][^<>]*)?)>|\{\\[^{}]*\}", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"color\s*=\s*[""']?#?([\w]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ColourAttribute();

    /// <summary>The characters of one marked-up line with their styles (bold and unknown tags dropped, entities decoded).</summary>
    public static IReadOnlyList<(char Char, CaptionStyle Style)> Parse(string line)
    {
        var result = new List<(char, CaptionStyle)>();
        var italic = 0;
        var underline = 0;
        var colours = new Stack<string?>();
        var at = 0;
        foreach (Match m in Tag().Matches(line))
        {
            AddText(line[at..m.Index]);
            at = m.Index + m.Length;
            if (!m.Groups[2].Success)
                continue; // an ASS override block
            var closing = m.Groups[1].Value == "/";
            switch (m.Groups[2].Value.ToLowerInvariant())
            {
                case "i": italic = Math.Max(0, italic + (closing ? -1 : 1)); break;
                case "u": underline = Math.Max(0, underline + (closing ? -1 : 1)); break;
                case "font" when closing:
                    if (colours.Count > 0)
                        colours.Pop();
                    break;
                case "font":
                    var c = ColourAttribute().Match(m.Groups[3].Value);
                    colours.Push(c.Success ? NormaliseColour(c.Groups[1].Value) : colours.Count > 0 ? colours.Peek() : null);
                    break;
            }
        }
        AddText(line[at..]);
        return result;

        void AddText(string text)
        {
            var style = new CaptionStyle(italic > 0, underline > 0, colours.Count > 0 ? colours.Peek() : null);
            foreach (var ch in WebUtility.HtmlDecode(text).Replace('\u00A0', ' '))
                if (ch is not ('\r' or '\n'))
                    result.Add((ch == '\t' ? ' ' : ch, style));
        }
    }

    /// <summary>Colour names as the formats know them; white (the default) becomes null.</summary>
    private static string? NormaliseColour(string name) => name.ToLowerInvariant() switch
    {
        "white" or "fff" or "ffffff" => null,
        "ff0000" or "f00" => "red",
        "00ff00" or "0f0" or "lime" => "green",
        "0000ff" or "00f" => "blue",
        "ffff00" or "ff0" => "yellow",
        "00ffff" or "0ff" => "cyan",
        "ff00ff" or "f0f" => "magenta",
        "000000" or "000" => "black",
        var other => other,
    };

    /// <summary>
    /// Styled characters as one marked-up line, leading and trailing spaces dropped: &lt;font color&gt;, &lt;i&gt;, &lt;u&gt; opened
    /// where a character (not a space) first has them and closed before the spaces that end the run.
    /// </summary>
    public static string Render(IEnumerable<(char Char, CaptionStyle Style)> chars)
    {
        var text = new StringBuilder();
        var open = CaptionStyle.Plain;
        foreach (var (ch, style) in chars)
        {
            if (ch == ' ')
            {
                if (text.Length > 0)
                    text.Append(' ');
                continue;
            }
            if (style != open)
            {
                Close(text, open);
                Open(text, style);
                open = style;
            }
            text.Append(ch);
        }
        Close(text, open);
        return text.ToString().TrimEnd(' ');
    }

    private static void Open(StringBuilder text, CaptionStyle style)
    {
        if (style.Colour is { } colour)
            text.Append("<font color=\"").Append(colour).Append("\">");
        if (style.Italic)
            text.Append("<i>");
        if (style.Underline)
            text.Append("<u>");
    }

    /// <summary>Closes the open tags before any spaces the text ends with.</summary>
    private static void Close(StringBuilder text, CaptionStyle style)
    {
        var close = (style.Underline ? "</u>" : "") + (style.Italic ? "</i>" : "") + (style.Colour is not null ? "</font>" : "");
        if (close.Length == 0)
            return;
        var spaces = 0;
        while (spaces < text.Length && text[text.Length - 1 - spaces] == ' ')
            spaces++;
        text.Insert(text.Length - spaces, close);
    }

    /// <summary>
    /// A cue's rows for a format with <paramref name="width"/> characters a row: its own lines when they fit and are at
    /// most two; else its words balanced over two rows when they fit there; else its own lines when they fit and are at
    /// most <paramref name="maxKeptLines"/>; else its words wrapped greedily (a word longer than a row is cut).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>> Wrap(
        IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>> lines, int width, int maxKeptLines = 4)
    {
        var trimmed = lines.Select(Trim).Where(l => l.Count > 0).ToList();
        var fits = trimmed.All(l => l.Count <= width);
        if (fits && trimmed.Count <= 2)
            return trimmed;
        var words = trimmed.SelectMany(l => Words(l)).ToList();
        if (BalancedTwoRows(words, width) is { } two)
            return two;
        if (fits && trimmed.Count <= maxKeptLines)
            return trimmed;
        var rows = new List<IReadOnlyList<(char, CaptionStyle)>>();
        var row = new List<(char, CaptionStyle)>();
        foreach (var word in words.SelectMany(w => Cut(w, width)))
        {
            if (row.Count > 0 && row.Count + 1 + word.Count > width)
            {
                rows.Add(row);
                row = [];
            }
            if (row.Count > 0)
                row.Add((' ', word[0].Style));
            row.AddRange(word);
        }
        if (row.Count > 0)
            rows.Add(row);
        return rows;
    }

    private static List<(char Char, CaptionStyle Style)> Trim(IReadOnlyList<(char Char, CaptionStyle Style)> line)
    {
        var start = 0;
        var end = line.Count;
        while (start < end && char.IsWhiteSpace(line[start].Char))
            start++;
        while (end > start && char.IsWhiteSpace(line[end - 1].Char))
            end--;
        return line.Skip(start).Take(end - start).ToList();
    }

    private static IEnumerable<List<(char Char, CaptionStyle Style)>> Words(IReadOnlyList<(char Char, CaptionStyle Style)> line)
    {
        var word = new List<(char, CaptionStyle)>();
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c.Char))
            {
                if (word.Count > 0)
                    yield return word;
                word = [];
            }
            else
                word.Add(c);
        }
        if (word.Count > 0)
            yield return word;
    }

    private static IEnumerable<List<(char Char, CaptionStyle Style)>> Cut(List<(char Char, CaptionStyle Style)> word, int width)
    {
        for (var i = 0; i < word.Count; i += width)
            yield return word.GetRange(i, Math.Min(width, word.Count - i));
    }

    /// <summary>The words in two rows of at most <paramref name="width"/>, split where the longer row is shortest; null when they need more.</summary>
    private static IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>>? BalancedTwoRows(List<List<(char Char, CaptionStyle Style)>> words, int width)
    {
        if (words.Count == 0)
            return null;
        List<(char, CaptionStyle)> Join(IEnumerable<List<(char Char, CaptionStyle Style)>> part)
        {
            var row = new List<(char, CaptionStyle)>();
            foreach (var w in part)
            {
                if (row.Count > 0)
                    row.Add((' ', w[0].Style));
                row.AddRange(w);
            }
            return row;
        }
        var whole = Join(words);
        if (whole.Count <= width)
            return [whole];
        IReadOnlyList<IReadOnlyList<(char, CaptionStyle)>>? best = null;
        var bestLonger = int.MaxValue;
        for (var split = 1; split < words.Count; split++)
        {
            var top = Join(words.Take(split));
            var bottom = Join(words.Skip(split));
            var longer = Math.Max(top.Count, bottom.Count);
            if (longer <= width && longer < bestLonger)
                (best, bestLonger) = ([top, bottom], longer);
        }
        return best;
    }
}
