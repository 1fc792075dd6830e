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

    /// <summary>ASS line breaks and hard spaces (\N, \n, \h).</summary>
    [GeneratedRegex(@"\\[Nnh]")]
    private static partial Regex AssBreak();

    /// <summary>An ASS override block; group 1 its tags.</summary>
    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex AssBlock();

    /// <summary>An ASS line as SRT: {\i1}/{\i0}, {\b1}/{\b0}, {\u1}/{\u0} become tags, a position {\anN} stays, other overrides are dropped.</summary>
    public static string AssToSrt(string line) => AssBreak().Replace(AssBlock().Replace(line, m =>
    {
        var result = new System.Text.StringBuilder();
        foreach (var tag in m.Groups[1].Value.Split('\\', StringSplitOptions.RemoveEmptyEntries))
        {
            var t = tag.Trim();
            if (t is "i1" or "b1" or "u1")
                result.Append('<').Append(t[0]).Append('>');
            else if (t is "i0" or "b0" or "u0")
                result.Append("</").Append(t[0]).Append('>');
            else if (t.Length == 3 && t.StartsWith("an", StringComparison.Ordinal) && char.IsAsciiDigit(t[2]))
                result.Append("{\\").Append(t).Append('}');
        }
        return result.ToString();
    }), " ");

    /// <summary>An SRT line as ASS: &lt;i&gt;, &lt;b&gt;, &lt;u&gt; as override tags, other markup dropped, entities decoded, {\anN} kept.</summary>
    public static string SrtToAss(string line) => WebUtility.HtmlDecode(MarkupTag().Replace(line, m =>
    {
        var name = m.Groups[2].Value.ToLowerInvariant();
        return name is "i" or "b" or "u" ? $"{{\\{name}{(m.Groups[1].Value == "/" ? 0 : 1)}}}" : "";
    }));

    /// <summary>The cue's lines as one line of plain text (empty when the cue holds only markup).</summary>
    public static string Clean(IEnumerable<string> lines)
    {
        var joined = string.Join(' ', lines);
        joined = AssBreak().Replace(AssOverride().Replace(joined, ""), " ");
        joined = HtmlTag().Replace(joined, "");
        joined = WebUtility.HtmlDecode(joined).Replace('\u00A0', ' ').Replace("\u200E", "").Replace("\u200F", "");
        return Whitespace().Replace(joined, " ").Trim();
    }

    /// <summary>A WebVTT voice tag: group 1 the closing slash, group 2 the voice's name (the annotation).</summary>
    [GeneratedRegex(@"<(/?)v(?:\.[^\s<>]*)?(?:[ \t]+([^<>]*))?>")]
    private static partial Regex VoiceTag();

    /// <summary>
    /// Who speaks each WebVTT cue line: the first voice (&lt;v Name&gt;) opened in the line, else the one still open from the
    /// line before (a voice lasts until &lt;/v&gt; or the cue's end); null when no line has a voice.
    /// </summary>
    public static IReadOnlyList<string?>? VoiceSpeakers(IReadOnlyList<string> lines)
    {
        var speakers = new string?[lines.Count];
        string? open = null;
        var any = false;
        for (var i = 0; i < lines.Count; i++)
        {
            string? first = null;
            var atStart = open;
            foreach (Match m in VoiceTag().Matches(lines[i]))
            {
                if (m.Groups[1].Value == "/")
                {
                    open = null;
                    continue;
                }
                var name = WebUtility.HtmlDecode(m.Groups[2].Value).Trim();
                open = name.Length > 0 ? name : null;
                first ??= open;
            }
            speakers[i] = first ?? atStart;
            any |= speakers[i] is not null;
        }
        return any ? speakers : null;
    }

    /// <summary>
    /// WebVTT cue lines with their speakers as voice tags: one &lt;v Name&gt; before the first line when every line has the
    /// same speaker, else &lt;v Name&gt;...&lt;/v&gt; around each line that has one.
    /// </summary>
    public static IReadOnlyList<string> WithVoices(IReadOnlyList<string> lines, IReadOnlyList<string?>? speakers)
    {
        if (speakers is null || speakers.Count != lines.Count || speakers.All(s => s is null) || lines.Count == 0)
            return lines;
        static string Tag(string name) => "<v " + name.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") + ">";
        if (speakers.Distinct().Count() == 1)
            return [Tag(speakers[0]!) + lines[0], .. lines.Skip(1)];
        return lines.Select((l, i) => speakers[i] is { } s ? Tag(s) + l + "</v>" : l).ToList();
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

    [GeneratedRegex(@"\[[^\[\]]*\]|\([^()]*\)")]
    private static partial Regex SoundDescription();

    /// <summary>
    /// Sung words between music notes (♪ ♫ ♬ ♩), or from a note to the end of the line when it is not closed; and between
    /// '#' used as the note (captions converted from CEA-608 to ASCII: "# happy birthday #"), only as a pair with spaces
    /// inside, so "#1" and hashtags stay.
    /// </summary>
    [GeneratedRegex(@"[♪♫♬♩][^♪♫♬♩]*(?:[♪♫♬♩]|$)|(?<!\S)#\s[^#]*#(?!\w)")]
    private static partial Regex Lyrics();

    /// <summary>
    /// Leading speaker-change chevrons (>>), a dialogue dash and an upper-case speaker label ("ANCHOR:",
    /// "DR. JONES:", "MAN 2:", "JOSÉ:", "McDONALD:"); group 1 is the label's name.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:>>+\s*)?(?:[-–—]\s*)?(?:((?:Ma?c)?\p{Lu}[\p{Lu}\d .'’&-]{0,30}?)\s*:(?=\s|$))?")]
    private static partial Regex LeadingSpeaker();

    [GeneratedRegex(@">>+")]
    private static partial Regex Chevrons();

    [GeneratedRegex(@"^[IVXLC]+$")]
    private static partial Regex RomanNumeral();

    /// <summary>A leading label that is a Roman numeral ("II:") is kept; any other leading label is removed.</summary>
    private static string KeepRomanNumeral(Match m) =>
        m.Groups[1].Success && RomanNumeral().IsMatch(m.Groups[1].Value.Trim()) ? m.Value[m.Groups[1].Index..] : "";

    /// <summary>
    /// The text the aligner hears in a cue: its plain text without what is not speech: speaker labels
    /// (">>", "NAME:", &lt;v NAME&gt;, a leading dialogue dash), sound descriptions in brackets or parentheses
    /// ("[THEME MUSIC PLAYING]", "(laughs)") and sung lyrics between music notes (♪ ... ♪, # ... #). Empty for a cue
    /// with nothing spoken. A label needs an upper-case name (so "Note: ..." stays speech) that is not a Roman
    /// numeral ("II: If today" stays speech).
    /// </summary>
    public static string Spoken(IEnumerable<string> lines)
    {
        var spoken = new List<string>();
        foreach (var raw in lines)
        {
            var plain = Lyrics().Replace(SoundDescription().Replace(Clean([raw]), " "), " ");
            foreach (var turn in Chevrons().Split(plain)) // each speaker change starts a turn that may have its label
            {
                var line = LeadingSpeaker().Replace(turn, KeepRomanNumeral, 1).TrimStart(' ', ':', '-', '–', '—');
                if (line.Any(char.IsLetterOrDigit))
                    spoken.Add(line);
            }
        }
        return Whitespace().Replace(string.Join(' ', spoken), " ").Trim();
    }

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
