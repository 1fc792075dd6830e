using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace CtcAlign.Formats;

/// <summary>
/// A new TTML-family document from re-timed cues (captions that were not TTML, or TTML of another flavour): one
/// <c>p</c> per cue with <c>xml:id</c> <c>c1</c>, <c>c2</c>, ..., its lines separated by <c>br</c>; &lt;i&gt;, &lt;b&gt;,
/// &lt;u&gt; and &lt;font color&gt; as spans referencing the styles <c>i</c>, <c>b</c>, <c>u</c> and one per colour; a
/// cue placed at the top (<see cref="CaptionPlacement.AtTop"/>) in the top region, others in the bottom one; white text on black, centred.
/// <see cref="TtmlFlavour.Imsc"/>: the IMSC1 text profile (<c>ttp:profile</c>), clock times to the millisecond, or
/// <c>HH:MM:SS:FF</c> at <c>ttp:frameRate</c> (with <c>ttp:frameRateMultiplier="1000 1001"</c> for NTSC rates) when
/// <c>--fps</c> is given. <see cref="TtmlFlavour.Dfxp"/>: the same in DFXP's namespaces. <see cref="TtmlFlavour.EbuTtD"/>:
/// <c>tt:</c> prefixes, <c>ebuttm:conformsToStandard</c> urn:ebu:tt:distribution:2014-01, media-time clock times to the
/// millisecond, all text in spans. The language is not known, so <c>xml:lang</c> is <c>und</c>. Speakers
/// (<see cref="CaptionCue.Speakers"/>: WebVTT voices, ASS names) become <c>ttm:agent</c>s in the head's metadata (type
/// person, with a full <c>ttm:name</c>), referenced from the p when one speaker says the whole cue, else from a span per
/// line; EBU-TT-D gets none. Karaoke (<see cref="SubtitleOptions.Karaoke"/>; IMSC1 and DFXP): each aligned word
/// is written as timed spans inside its p, highlighted in <see cref="KaraokeStyle"/> while it is spoken
/// (<see cref="WriteKaraokeRun"/>).
/// </summary>
public static partial class TtmlCueDocumentWriter
{
    /// <summary>TTML's named colours; any other colour name in &lt;font color&gt; is dropped.</summary>
    private static readonly HashSet<string> NamedColors =
    [
        "transparent", "black", "silver", "gray", "white", "maroon", "red", "purple", "fuchsia", "magenta", "green", "lime", "olive",
        "yellow", "navy", "blue", "teal", "aqua", "cyan",
    ];

    [GeneratedRegex(@"<(/?)(i|b|u|font)(\s[^<>]*)?>|\{\\an(\d)\}|\{\\[^{}]*\}|</?(?:s|c|v|lang|ruby|rt|span)(?:[.\s][^<>]*)?>|<\d[\d:.]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"color\s*=\s*[""']?([#\w]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FontColor();

    public static string Write(CaptionDocument document, IReadOnlyList<TimedCue> cues, TtmlFlavour flavour, SubtitleOptions options)
    {
        var ebu = flavour == TtmlFlavour.EbuTtD;
        var tt = flavour == TtmlFlavour.Dfxp ? TtmlNames.Dfxp : TtmlNames.Ttml;
        var tts = TtmlNames.Styling(tt).NamespaceName;
        var ttp = TtmlNames.Parameter(tt).NamespaceName;
        var prefix = ebu ? "tt" : "";
        var fps = ebu ? null : options.ExactFps;
        var nominal = fps is { } f ? (int)Math.Round(f) : 30;
        var ntsc = fps is { } g && Math.Abs(g - nominal) > 1e-6;
        var timing = fps is null ? TtmlTiming.Default : new TtmlTiming(nominal, fps.Value, 1, fps.Value, false, false);
        var style = fps is null ? TtmlTimeStyle.ClockFraction : TtmlTimeStyle.ClockFrames;

        var parsed = cues.Select(c => Runs(CaptionPlacement.SrtLines(c.Cue, document.Kind), c.Cue.Speakers)).ToList();
        var colors = parsed.SelectMany(p => p.Lines).SelectMany(l => l).Select(r => r.Style.Color).OfType<string>().Distinct().ToList();
        // speakers as ttm:agent (EBU-TT-D's metadata is its own vocabulary: none there)
        var agents = ebu ? [] : parsed.SelectMany(p => p.Speakers).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var ttm = TtmlNames.Metadata(tt).NamespaceName;
        string AgentId(string name) => $"agent{agents.IndexOf(name) + 1}";
        var karaoke = cues.Select((c, n) => options.Karaoke ? KaraokeOf(c, parsed[n].Lines, options) : null).ToList();

        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, NewLineHandling = NewLineHandling.None }))
        {
            w.WriteStartElement(prefix, "tt", tt.NamespaceName);
            if (ebu)
                w.WriteAttributeString("xmlns", "tt", null, tt.NamespaceName);
            else
                w.WriteAttributeString("xmlns", tt.NamespaceName);
            w.WriteAttributeString("xmlns", "ttp", null, ttp);
            w.WriteAttributeString("xmlns", "tts", null, tts);
            if (agents.Count > 0)
                w.WriteAttributeString("xmlns", "ttm", null, ttm);
            if (ebu)
            {
                w.WriteAttributeString("xmlns", "ebuttm", null, TtmlNames.EbuMetadata.NamespaceName);
                w.WriteAttributeString("xmlns", "ebutts", null, TtmlNames.EbuStyle.NamespaceName);
            }
            w.WriteAttributeString("xml", "lang", null, "und");
            if (flavour == TtmlFlavour.Imsc)
                w.WriteAttributeString("ttp", "profile", ttp, TtmlNames.ImscTextProfile);
            w.WriteAttributeString("ttp", "timeBase", ttp, "media");
            if (fps is not null)
            {
                w.WriteAttributeString("ttp", "frameRate", ttp, nominal.ToString(CultureInfo.InvariantCulture));
                if (ntsc)
                    w.WriteAttributeString("ttp", "frameRateMultiplier", ttp, "1000 1001");
            }
            if (ebu)
                w.WriteAttributeString("ttp", "cellResolution", ttp, "50 30");

            Indent(w, 1);
            w.WriteStartElement(prefix, "head", tt.NamespaceName);
            if (ebu)
            {
                Indent(w, 2);
                w.WriteStartElement(prefix, "metadata", tt.NamespaceName);
                w.WriteStartElement("ebuttm", "documentMetadata", TtmlNames.EbuMetadata.NamespaceName);
                w.WriteElementString("ebuttm", "conformsToStandard", TtmlNames.EbuMetadata.NamespaceName, TtmlNames.EbuTtDStandard);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            if (agents.Count > 0)
            {
                Indent(w, 2);
                w.WriteStartElement(prefix, "metadata", tt.NamespaceName);
                foreach (var name in agents)
                {
                    Indent(w, 3);
                    w.WriteStartElement("ttm", "agent", ttm);
                    w.WriteAttributeString("xml", "id", null, AgentId(name));
                    w.WriteAttributeString("type", "person");
                    w.WriteStartElement("ttm", "name", ttm);
                    w.WriteAttributeString("type", "full");
                    w.WriteString(name);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                Indent(w, 2);
                w.WriteEndElement();
            }
            Indent(w, 2);
            w.WriteStartElement(prefix, "styling", tt.NamespaceName);
            var styles = new List<(string Id, (string Name, string Value)[] Attributes)>
            {
                ("text", [("color", "white"), ("backgroundColor", "black"), ("fontFamily", "proportionalSansSerif")]),
                ("centre", [("textAlign", "center")]),
                ("i", [("fontStyle", "italic")]),
                ("b", [("fontWeight", "bold")]),
                ("u", [("textDecoration", "underline")]),
            };
            styles.AddRange(colors.Select((c, k) => ($"color{k + 1}", new[] { ("color", c) })));
            if (karaoke.Any(k => k is not null))
                styles.Add((KaraokeStyle, [("color", KaraokeColor)]));
            foreach (var (id, attributes) in styles)
            {
                Indent(w, 3);
                w.WriteStartElement(prefix, "style", tt.NamespaceName);
                w.WriteAttributeString("xml", "id", null, id);
                foreach (var (name, value) in attributes)
                    w.WriteAttributeString("tts", name, tts, value);
                w.WriteEndElement();
            }
            Indent(w, 2);
            w.WriteEndElement();
            Indent(w, 2);
            w.WriteStartElement(prefix, "layout", tt.NamespaceName);
            foreach (var (id, align) in new[] { ("bottom", "after"), ("top", "before") })
            {
                Indent(w, 3);
                w.WriteStartElement(prefix, "region", tt.NamespaceName);
                w.WriteAttributeString("xml", "id", null, id);
                w.WriteAttributeString("tts", "origin", tts, "10% 10%");
                w.WriteAttributeString("tts", "extent", tts, "80% 80%");
                w.WriteAttributeString("tts", "displayAlign", tts, align);
                w.WriteEndElement();
            }
            Indent(w, 2);
            w.WriteEndElement();
            Indent(w, 1);
            w.WriteEndElement();

            Indent(w, 1);
            w.WriteStartElement(prefix, "body", tt.NamespaceName);
            if (!ebu)
                w.WriteAttributeString("style", "text");
            Indent(w, 2);
            w.WriteStartElement(prefix, "div", tt.NamespaceName);
            for (var n = 0; n < cues.Count; n++)
            {
                var c = cues[n];
                if (SubtitleWriter.Mark(c) is { } note)
                {
                    Indent(w, 3);
                    w.WriteComment($" ctcalign: {note.Replace("--", "-")} ");
                }
                Indent(w, 3);
                w.WriteStartElement(prefix, "p", tt.NamespaceName);
                w.WriteAttributeString("xml", "id", null, $"c{n + 1}");
                w.WriteAttributeString("begin", timing.Format(c.Start, style));
                w.WriteAttributeString("end", timing.Format(c.End, style));
                w.WriteAttributeString("style", "centre");
                w.WriteAttributeString("region", CaptionPlacement.AtTop(c.Cue, document.Kind) ? "top" : "bottom");
                var speakers = ebu ? [] : parsed[n].Speakers;
                var oneSpeaker = speakers.Count > 0 && speakers.All(s => s is not null && s == speakers[0]) ? speakers[0] : null;
                if (oneSpeaker is not null)
                    w.WriteAttributeString("ttm", "agent", ttm, AgentId(oneSpeaker));
                for (var l = 0; l < parsed[n].Lines.Count; l++)
                {
                    if (l > 0)
                        w.WriteElementString(prefix, "br", tt.NamespaceName, null);
                    var lineAgent = oneSpeaker is null && l < speakers.Count && speakers[l] is { } s ? AgentId(s) : null;
                    if (lineAgent is not null)
                    {
                        w.WriteStartElement(prefix, "span", tt.NamespaceName);
                        w.WriteAttributeString("ttm", "agent", ttm, lineAgent);
                    }
                    var at = 0; // where the run starts in the line's text
                    foreach (var (run, runStyle) in parsed[n].Lines[l])
                    {
                        var runStart = at;
                        at += run.Length;
                        var refs = new List<string>();
                        if (ebu)
                            refs.Add("text");
                        if (runStyle.Italic)
                            refs.Add("i");
                        if (runStyle.Bold)
                            refs.Add("b");
                        if (runStyle.Underline)
                            refs.Add("u");
                        if (runStyle.Color is { } color)
                            refs.Add($"color{colors.IndexOf(color) + 1}");
                        if (karaoke[n] is { } k)
                        {
                            WriteKaraokeRun(w, prefix, tt.NamespaceName, run, runStart, k.WordAt[l], k.Highlight, refs, cues[n], timing, style, fps);
                            continue;
                        }
                        if (refs.Count == 0)
                        {
                            w.WriteString(run);
                            continue;
                        }
                        w.WriteStartElement(prefix, "span", tt.NamespaceName);
                        w.WriteAttributeString("style", string.Join(' ', refs));
                        w.WriteString(run);
                        w.WriteEndElement();
                    }
                    if (lineAgent is not null)
                        w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            Indent(w, 2);
            w.WriteEndElement();
            Indent(w, 1);
            w.WriteEndElement();
            w.WriteWhitespace("\n");
            w.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "\n";
    }

    /// <summary>The style of the word being spoken in karaoke output, and its colour (the SRT karaoke's yellow).</summary>
    public const string KaraokeStyle = "karaoke", KaraokeColor = "#ffff00";

    /// <summary>
    /// A cue's karaoke words: for each line, the word (index in the segment's words) each character of its text belongs to
    /// (-1: none), and each word's highlight, from its start until the next found word starts (the last word: until it ends);
    /// null when the cue has no word times or none of its words is found in its text.
    /// </summary>
    internal static (int[][] WordAt, (double Start, double Until)[] Highlight)? KaraokeOf(TimedCue cue,
        IReadOnlyList<IReadOnlyList<(string Text, TtmlSpanStyle Style)>> lines, SubtitleOptions options)
    {
        if (KaraokeWriter.WordTimes(cue, options) is not { } times)
            return null;
        var visible = lines.Select(l => string.Concat(l.Select(r => r.Text))).ToList();
        var places = KaraokeWriter.Locate(visible, cue.Segment!.Words.Select(w => w.Word).ToList()); // places in the text as given
        var found = Enumerable.Range(0, places.Length).Where(i => places[i] is not null).ToList();
        if (found.Count == 0)
            return null;
        var wordAt = visible.Select(v => Enumerable.Repeat(-1, v.Length).ToArray()).ToArray();
        var highlight = new (double Start, double Until)[places.Length];
        for (var k = 0; k < found.Count; k++)
        {
            var i = found[k];
            var until = KaraokeWriter.HighlightUntil(found, k, places.Length, times, cue.End);
            highlight[i] = (times.Starts[i], Math.Max(times.Starts[i], until));
            var place = places[i]!.Value;
            for (var c = place.Start; c < place.End; c++)
                wordAt[place.Line][c] = i;
        }
        return (wordAt, highlight);
    }

    /// <summary>
    /// One run of karaoke text: text outside words as it is; each word's piece as timed spans (times relative to the p)
    /// that show it plain until its start, in <see cref="KaraokeStyle"/> until its highlight ends, and plain again from
    /// then (that last span always written, from one frame or millisecond before the p's end at the latest, so that the
    /// text as it stands at the p's end is the cue's own).
    /// </summary>
    private static void WriteKaraokeRun(XmlWriter w, string prefix, string ns, string run, int runStart, int[] wordAt,
        (double Start, double Until)[] highlight, List<string> refs, TimedCue cue, TtmlTiming timing, TtmlTimeStyle style, double? fps)
    {
        double Round(double seconds) => fps is { } f ? Math.Round(seconds * f, MidpointRounding.AwayFromZero) / f : Math.Round(seconds * 1000, MidpointRounding.AwayFromZero) / 1000;
        var unit = fps is { } rate ? 1 / rate : 0.001;
        var last = Math.Max(0, Round(cue.End) - Round(cue.Start) - unit); // the p's last frame or millisecond
        void Span(string text, IEnumerable<string> styleRefs, double? begin, double? end)
        {
            var names = styleRefs.ToList();
            if (begin is null && end is null && names.Count == 0)
            {
                w.WriteString(text);
                return;
            }
            w.WriteStartElement(prefix, "span", ns);
            if (begin is { } b)
                w.WriteAttributeString("begin", timing.Format(b, style));
            if (end is { } e)
                w.WriteAttributeString("end", timing.Format(e, style));
            if (names.Count > 0)
                w.WriteAttributeString("style", string.Join(' ', names));
            w.WriteString(text);
            w.WriteEndElement();
        }
        var i = 0;
        while (i < run.Length)
        {
            var word = wordAt[runStart + i];
            var j = i + 1;
            while (j < run.Length && wordAt[runStart + j] == word)
                j++;
            var piece = run[i..j];
            if (word < 0)
                Span(piece, refs, null, null);
            else
            {
                var start = Math.Clamp(Round(highlight[word].Start - cue.Start), 0, last);
                var until = Math.Clamp(Round(highlight[word].Until - cue.Start), start, last);
                if (start > 0)
                    Span(piece, refs, null, start);
                if (until > start)
                    Span(piece, refs.Append(KaraokeStyle), start, until);
                Span(piece, refs, until > 0 ? until : null, null);
            }
            i = j;
        }
    }

    private static void Indent(XmlWriter w, int depth) => w.WriteWhitespace("\n" + new string(' ', 2 * depth));

    /// <summary>
    /// A cue's SRT-markup lines as runs of text with their styling (entities decoded, other markup dropped, empty lines left
    /// out; placement tags such as {\an8} are <see cref="CaptionPlacement"/>'s); each kept line's speaker (from <paramref name="speakers"/>, one per line).
    /// </summary>
    internal static (IReadOnlyList<IReadOnlyList<(string Text, TtmlSpanStyle Style)>> Lines, IReadOnlyList<string?> Speakers) Runs(
        IReadOnlyList<string> lines, IReadOnlyList<string?>? speakers = null)
    {
        var result = new List<IReadOnlyList<(string Text, TtmlSpanStyle Style)>>();
        var kept = new List<string?>();
        var index = -1;
        int italic = 0, bold = 0, underline = 0;
        var colors = new Stack<string?>();
        foreach (var line in lines)
        {
            index++;
            var runs = new List<(string Text, TtmlSpanStyle Style)>();
            var at = 0;
            foreach (Match m in Markup().Matches(line))
            {
                Add(line[at..m.Index]);
                at = m.Index + m.Length;
                if (m.Groups[4].Success)
                    continue;
                if (!m.Groups[2].Success)
                    continue;
                var closing = m.Groups[1].Value == "/";
                var delta = closing ? -1 : 1;
                switch (m.Groups[2].Value.ToLowerInvariant())
                {
                    case "i": italic = Math.Max(0, italic + delta); break;
                    case "b": bold = Math.Max(0, bold + delta); break;
                    case "u": underline = Math.Max(0, underline + delta); break;
                    default:
                        if (closing)
                            colors.TryPop(out _);
                        else
                            colors.Push(ColorOf(m.Groups[3].Value));
                        break;
                }
            }
            Add(line[at..]);
            var trimmed = Trim(runs);
            if (trimmed.Count > 0)
            {
                result.Add(trimmed);
                kept.Add(speakers is not null && index < speakers.Count ? speakers[index] : null);
            }

            void Add(string raw)
            {
                var decoded = WebUtility.HtmlDecode(raw);
                if (decoded.Length == 0)
                    return;
                var style = new TtmlSpanStyle(italic > 0, bold > 0, underline > 0, colors.FirstOrDefault(c => c is not null));
                if (runs.Count > 0 && runs[^1].Style == style)
                    runs[^1] = (runs[^1].Text + decoded, style);
                else
                    runs.Add((decoded, style));
            }
        }
        return (result, kept.Any(s => s is not null) ? kept : []);
    }

    private static List<(string Text, TtmlSpanStyle Style)> Trim(List<(string Text, TtmlSpanStyle Style)> runs)
    {
        while (runs.Count > 0 && runs[0].Text.TrimStart().Length == 0)
            runs.RemoveAt(0);
        while (runs.Count > 0 && runs[^1].Text.TrimEnd().Length == 0)
            runs.RemoveAt(runs.Count - 1);
        if (runs.Count == 0)
            return runs;
        runs[0] = (runs[0].Text.TrimStart(), runs[0].Style);
        runs[^1] = (runs[^1].Text.TrimEnd(), runs[^1].Style);
        return runs;
    }

    /// <summary>A &lt;font&gt; tag's colour as TTML takes it: #rrggbb (lower case) or one of TTML's named colours; else null.</summary>
    private static string? ColorOf(string attributes)
    {
        if (FontColor().Match(attributes) is not { Success: true } m)
            return null;
        var value = m.Groups[1].Value.ToLowerInvariant();
        if (value.StartsWith('#') && value.Length is 7 or 9 && value[1..].All(char.IsAsciiHexDigit))
            return value;
        if (!value.StartsWith('#') && value.Length == 6 && value.All(char.IsAsciiHexDigit))
            return "#" + value;
        return NamedColors.Contains(value) ? value : null;
    }
}
