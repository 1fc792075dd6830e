using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CtcAlign.Formats;

/// <summary>
/// Reads TTML-family captions (TTML1, IMSC1, DFXP, EBU-TT-D; .ttml, .dfxp, .xml) with System.Xml. Each <c>p</c> of the
/// body is a cue, in document order: its times from <c>begin</c>/<c>end</c>/<c>dur</c> (clock or offset time, frames and
/// ticks at the document's rates, see <see cref="TtmlTiming"/>) inside its <c>div</c>s' and the body's times (parallel
/// containers, and <c>timeContainer="seq"</c>); its <c>xml:id</c> as the cue id; its text with <c>br</c> (and line feeds
/// under <c>xml:space="preserve"</c>) as line breaks, XML whitespace collapsed, and the styling captions carry between
/// formats as SRT markup: <c>tts:fontStyle</c> italic as &lt;i&gt;, <c>tts:fontWeight</c> bold as &lt;b&gt;,
/// <c>tts:textDecoration</c> underline as &lt;u&gt; and a <c>tts:color</c> other than white and the body's as
/// &lt;font color&gt;, whether inline or by style reference (chained), on spans or inherited from p, div and body; a
/// region at the top (<c>tts:displayAlign="before"</c>) as <c>{\an8}</c>; speakers (<c>ttm:agent</c> on a span, p, div or
/// body, by their <c>ttm:name</c>) as <see cref="CaptionCue.Speakers"/>. Agents, regions and everything else stay in the document, which a re-timed TTML file keeps (<see cref="TtmlWriter"/>). Not well-formed
/// XML, a root that is not <c>tt</c>, and a time expression or timing parameter that cannot be read are a
/// <see cref="CaptionFormatException"/> of one line; a p without times or with reversed times is read without them.
/// </summary>
public static partial class TtmlReader
{
    [GeneratedRegex(@"<(?:[\w.-]+:)?tt[\s>/]")]
    private static partial Regex TtRoot();

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex XmlWhitespace();

    /// <summary>True when the text is XML whose root looks like a TTML <c>tt</c> element in a TTML or DFXP namespace.</summary>
    public static bool LooksLikeTtml(string text)
    {
        var head = text.Length > 4000 ? text[..4000] : text;
        return head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<') && TtRoot().IsMatch(head)
            && (head.Contains("http://www.w3.org/ns/ttml", StringComparison.Ordinal) || head.Contains("/ttaf1", StringComparison.Ordinal));
    }

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var xml = Load(text, source);
        var root = xml.Root!;
        var tt = root.Name.Namespace;
        var timing = TimingOf(root, source);
        var paragraphs = Paragraphs(root, source);
        var intervals = Intervals(root, timing, source);
        var styles = new TtmlStyles(root);
        var agents = AgentNames(root);
        var warnings = new CaptionWarnings(source);
        var blocks = new List<CaptionBlock>(paragraphs.Count);
        for (var k = 0; k < paragraphs.Count; k++)
        {
            var p = paragraphs[k];
            var number = k + 1;
            var line = LineOf(p);
            double? start = null, end = null;
            if (intervals.TryGetValue(p, out var interval) && interval.Timed && interval.End is { } e)
            {
                if (e >= interval.Begin)
                    (start, end) = (interval.Begin, e);
                else
                    warnings.Add("ends before it starts", number, line, "ends before it starts; its times are ignored");
            }
            else
            {
                warnings.Add("no-times", number, line, "a <p> without begin and end (or dur); its text is read without times");
            }
            var (lines, speakers) = TextLines(p, tt, styles, agents, timing, start is { } b && end is { } en ? en - b : null);
            if (styles.IsTop(p))
                lines = lines.Count == 0 ? lines : ["{\\an8}" + lines[0], .. lines.Skip(1)];
            blocks.Add(CaptionBlock.Of(new CaptionCue(number, line, p.Attribute(XNamespace.Xml + "id")?.Value, start, end, "", lines)
            {
                Speakers = speakers.Any(s => s is not null) ? speakers : null,
            }));
        }
        return CaptionDocument.Build(CaptionFileKind.Ttml, [], blocks, source, text, warnings);
    }

    /// <summary>Deeper nesting than this is refused (the readers and writers recurse through divs and spans).</summary>
    public const int MaxDepth = 200;

    /// <summary>The document, whitespace and line numbers kept; a one-line <see cref="CaptionFormatException"/> when it is not TTML.</summary>
    internal static XDocument Load(string text, string source)
    {
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using (var scan = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), settings))
            {
                while (scan.Read())
                    if (scan.Depth > MaxDepth)
                        throw new CaptionFormatException($"{source}: line {((IXmlLineInfo)scan).LineNumber}: elements nested more than {MaxDepth} deep; not captions");
            }
            using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), settings);
            xml = XDocument.Load(reader, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            throw new CaptionFormatException($"{source}: not well-formed XML: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
        if (xml.Root is not { } root || root.Name.LocalName != "tt" || !TtmlNames.IsContentNamespace(root.Name.Namespace))
            throw new CaptionFormatException($"{source}: not a TTML document: the root is <{xml.Root?.Name.LocalName}> in '{xml.Root?.Name.NamespaceName}', not <tt> in {TtmlNames.Ttml.NamespaceName}");
        return xml;
    }

    internal static TtmlTiming TimingOf(XElement root, string source) => TtmlTiming.FromAttributes(source,
        TtmlNames.Attribute(root, "parameter", "frameRate"), TtmlNames.Attribute(root, "parameter", "frameRateMultiplier"),
        TtmlNames.Attribute(root, "parameter", "subFrameRate"), TtmlNames.Attribute(root, "parameter", "tickRate"),
        TtmlNames.Attribute(root, "parameter", "timeBase"), TtmlNames.Attribute(root, "parameter", "dropMode"));

    /// <summary>The body's <c>p</c> elements in document order: cue <c>k</c> of the document is element <c>k - 1</c>.</summary>
    internal static List<XElement> Paragraphs(XElement root, string source)
    {
        var tt = root.Name.Namespace;
        var body = root.Element(tt + "body") ?? throw new CaptionFormatException($"{source}: a TTML document without <body>");
        var paragraphs = body.Descendants(tt + "p").ToList();
        return paragraphs.Count > 0 ? paragraphs : throw new CaptionFormatException($"{source}: no <p> captions in the TTML body");
    }

    /// <summary>Which TTML flavour a document is: DFXP by its namespace, EBU-TT-D by its conformsToStandard or EBU style namespace, else TTML/IMSC.</summary>
    internal static TtmlFlavour FlavourOf(XDocument xml)
    {
        var root = xml.Root!;
        if (root.Name.Namespace != TtmlNames.Ttml && root.Name.Namespace != XNamespace.None)
            return TtmlFlavour.Dfxp;
        var conforms = root.Descendants(TtmlNames.EbuMetadata + "conformsToStandard").Any(e => e.Value.Contains("urn:ebu:tt:distribution", StringComparison.Ordinal));
        var ebuStyle = root.Attributes().Any(a => a.IsNamespaceDeclaration && a.Value == TtmlNames.EbuStyle.NamespaceName);
        return conforms || ebuStyle && TtmlNames.Attribute(root, "parameter", "timeBase") is null or "media" ? TtmlFlavour.EbuTtD : TtmlFlavour.Imsc;
    }

    /// <summary>Where an element starts in the file (1-based line), 0 when unknown.</summary>
    internal static int LineOf(XElement e) => e is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>One timed element's absolute interval; <c>End</c> null when open-ended; <c>Timed</c> when it or a container gave a time.</summary>
    internal readonly record struct Interval(double Begin, double? End, bool Timed);

    /// <summary>The absolute intervals of the body, its divs and its paragraphs (seconds on the document's timeline).</summary>
    internal static Dictionary<XElement, Interval> Intervals(XElement root, TtmlTiming timing, string source)
    {
        var tt = root.Name.Namespace;
        var result = new Dictionary<XElement, Interval>();
        var body = root.Element(tt + "body")!;
        Resolve(body, new Interval(0, null, false), 0);
        return result;

        void Resolve(XElement e, Interval parent, double reference)
        {
            var begin = Time(e, "begin");
            var end = Time(e, "end");
            var dur = Time(e, "dur");
            var b = reference + (begin ?? 0);
            double? en = end is { } x ? reference + x : null;
            if (dur is { } d)
                en = en is { } y ? Math.Min(y, b + d) : b + d;
            en ??= parent.End;
            if (parent.End is { } pe && en is { } ee)
                en = Math.Min(ee, pe);
            var self = new Interval(b, en, parent.Timed || begin is not null || end is not null || dur is not null);
            result[e] = self;
            if (e.Name == tt + "p")
                return;
            var seq = e.Attribute("timeContainer")?.Value.Trim() == "seq";
            var cursor = self.Begin;
            foreach (var child in e.Elements().Where(c => c.Name == tt + "div" || c.Name == tt + "p"))
            {
                Resolve(child, self, seq ? cursor : self.Begin);
                if (seq)
                    cursor = result[child].End ?? result[child].Begin;
            }
        }

        double? Time(XElement e, string name)
        {
            if (e.Attribute(name)?.Value is not { } value)
                return null;
            if (timing.TryParse(value, out var seconds))
                return seconds;
            throw new CaptionFormatException($"{source}: line {LineOf(e)}: <{e.Name.LocalName}> {name} '{value}' is not a TTML time expression "
                + $"(such as 00:00:01.250, 00:00:01:06 within ttp:frameRate {timing.NominalFrameRate}, 1.25s, 1250ms, 30f or 100t)");
        }
    }

    /// <summary>
    /// The speakers a document declares: each <c>ttm:agent</c>'s <c>xml:id</c> and its name (its first <c>ttm:name</c>, else
    /// the id itself).
    /// </summary>
    internal static Dictionary<string, string> AgentNames(XElement root)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agent in root.Descendants().Where(e => e.Name.LocalName == "agent" && e.Name.NamespaceName.EndsWith("#metadata", StringComparison.Ordinal)))
        {
            if (agent.Attribute(XNamespace.Xml + "id")?.Value is not { Length: > 0 } id)
                continue;
            var name = agent.Elements().FirstOrDefault(e => e.Name.LocalName == "name" && e.Name.Namespace == agent.Name.Namespace)?.Value;
            names.TryAdd(id, XmlWhitespace().Replace(name ?? "", " ").Trim() is { Length: > 0 } n ? n : id);
        }
        return names;
    }

    /// <summary>The agent's name for an element's <c>ttm:agent</c> (the first id it lists); null without one.</summary>
    private static string? AgentOf(XElement e, Dictionary<string, string> agents) =>
        TtmlNames.Attribute(e, "metadata", "agent")?.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } id
            ? agents.GetValueOrDefault(id, id)
            : null;

    /// <summary>
    /// The text lines of a p as SRT markup (see the class summary), lines with no text left out, and who speaks each: the
    /// <c>ttm:agent</c> of the line's first text (on a span, else on the p or the nearest div or body that names one).
    /// Spans with times of their own (relative to their parent) are read as they stand at the p's end (<paramref name="duration"/>
    /// after its begin; the last moment before it): one that has ended by then, or not begun, is left out, so
    /// word-highlight copies of a word count once.
    /// </summary>
    internal static (IReadOnlyList<string> Lines, IReadOnlyList<string?> Speakers) TextLines(XElement p, XNamespace tt, TtmlStyles styles,
        Dictionary<string, string> agents, TtmlTiming timing, double? duration)
    {
        var lines = new List<List<(string Text, TtmlSpanStyle Style)>> { new() };
        var speakers = new List<string?> { null };
        var preserve = p.AncestorsAndSelf().Select(a => a.Attribute(XNamespace.Xml + "space")?.Value).FirstOrDefault(v => v is not null) == "preserve";
        var agent = p.AncestorsAndSelf().Select(a => AgentOf(a, agents)).FirstOrDefault(a => a is not null);
        Walk(p, styles.Inherited(p), preserve, agent, 0, null);
        var kept = lines.Select((l, i) => (Text: Render(l, styles.BaseColor), Speaker: speakers[i])).Where(l => l.Text.Length > 0).ToList();
        return (kept.Select(l => l.Text).ToList(), kept.Select(l => l.Speaker).ToList());

        void Add(string text, TtmlSpanStyle style, string? speaker)
        {
            if (speakers[^1] is null && text.Trim().Length > 0)
                speakers[^1] = speaker;
            lines[^1].Add((text, style));
        }

        // a timed span (karaoke, words painted on) is read when it shows at the p's end: begun before it, not ended before it
        bool ShowsAtEnd(XElement span, double parentBegin, double? parentEnd, out double begin, out double? end)
        {
            double? Time(string name) => span.Attribute(name)?.Value is { } v && timing.TryParse(v, out var s) ? s : null;
            begin = parentBegin + (Time("begin") ?? 0);
            end = Time("end") is { } x ? parentBegin + x : parentEnd;
            if (Time("dur") is { } d)
                end = end is { } y ? Math.Min(y, begin + d) : begin + d;
            if (parentEnd is { } pe && end is { } ee)
                end = Math.Min(ee, pe);
            const double epsilon = 1e-6;
            return duration is not { } length || begin < length - epsilon && (end is not { } last || last > length - epsilon);
        }

        void Walk(XElement e, TtmlSpanStyle style, bool keepSpace, string? speaker, double begin, double? end)
        {
            foreach (var node in e.Nodes())
            {
                switch (node)
                {
                    case XText text when keepSpace:
                        var parts = text.Value.Replace("\r\n", "\n").Split('\n');
                        for (var i = 0; i < parts.Length; i++)
                        {
                            if (i > 0)
                            {
                                lines.Add([]);
                                speakers.Add(null);
                            }
                            Add(parts[i], style, speaker);
                        }
                        break;
                    case XText text:
                        Add(XmlWhitespace().Replace(text.Value, " "), style, speaker);
                        break;
                    case XElement child when child.Name == tt + "br":
                        lines.Add([]);
                        speakers.Add(null);
                        break;
                    case XElement child when child.Name == tt + "span":
                        if (!ShowsAtEnd(child, begin, end, out var spanBegin, out var spanEnd))
                            break;
                        var space = child.Attribute(XNamespace.Xml + "space")?.Value;
                        Walk(child, styles.Apply(style, child), space is null ? keepSpace : space == "preserve", AgentOf(child, agents) ?? speaker, spanBegin, spanEnd);
                        break;
                }
            }
        }
    }

    /// <summary>One line's runs as SRT markup: adjacent runs of one style merged, spaces collapsed across runs, the line trimmed.</summary>
    private static string Render(List<(string Text, TtmlSpanStyle Style)> runs, string? baseColor)
    {
        var merged = new List<(StringBuilder Text, TtmlSpanStyle Style)>();
        foreach (var (text, style) in runs)
        {
            var shown = ShownStyle(style, baseColor);
            var t = text;
            if (merged.Count > 0 && merged[^1].Text.Length > 0 && merged[^1].Text[^1] == ' ' && t.StartsWith(' ') && !t.StartsWith("  ", StringComparison.Ordinal))
                t = t[1..];
            if (t.Length == 0)
                continue;
            if (merged.Count > 0 && (merged[^1].Style == shown || t.Trim().Length == 0))
                merged[^1].Text.Append(t);
            else
                merged.Add((new StringBuilder(t), shown));
        }
        if (merged.Count == 0)
            return "";
        // spaces that end a styled run before a plain one are the plain one's (word-timed spans: "<i>Good</i> evening")
        for (var k = 0; k + 1 < merged.Count; k++)
        {
            var text = merged[k].Text.ToString();
            var kept = text.TrimEnd(' ');
            if (merged[k].Style != Plain && merged[k + 1].Style == Plain && kept.Length > 0 && kept.Length < text.Length)
            {
                merged[k] = (new StringBuilder(kept), merged[k].Style);
                merged[k + 1].Text.Insert(0, text[kept.Length..]);
            }
        }
        var first = merged[0].Text.ToString().TrimStart(' ');
        merged[0] = (new StringBuilder(first), merged[0].Style);
        var last = merged[^1].Text.ToString().TrimEnd(' ');
        merged[^1] = (new StringBuilder(last), merged[^1].Style);
        var result = new StringBuilder();
        foreach (var (text, style) in merged)
        {
            if (text.Length == 0)
                continue;
            if (style.Color is { } color)
                result.Append("<font color=\"").Append(color).Append("\">");
            if (style.Bold)
                result.Append("<b>");
            if (style.Italic)
                result.Append("<i>");
            if (style.Underline)
                result.Append("<u>");
            result.Append(text);
            if (style.Underline)
                result.Append("</u>");
            if (style.Italic)
                result.Append("</i>");
            if (style.Bold)
                result.Append("</b>");
            if (style.Color is not null)
                result.Append("</font>");
        }
        return result.ToString();
    }

    private static readonly TtmlSpanStyle Plain = new(false, false, false, null);

    /// <summary>The style as markup shows it: a colour only when it is not white and not the body's own.</summary>
    private static TtmlSpanStyle ShownStyle(TtmlSpanStyle style, string? baseColor) =>
        style.Color is { } c && (IsWhite(c) || string.Equals(c, baseColor, StringComparison.OrdinalIgnoreCase)) ? style with { Color = null } : style;

    private static bool IsWhite(string color) =>
        color.Replace(" ", "").ToLowerInvariant() is "white" or "#fff" or "#ffffff" or "#ffffffff" or "rgb(255,255,255)" or "rgba(255,255,255,255)";
}
