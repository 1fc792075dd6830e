using System.Text;
using System.Xml.Linq;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed TTML-family captions. Which cues are written and when is <see cref="CueTimeline"/>'s, as for SRT and
/// WebVTT. Captions read from TTML are written back as the document they were (head, styles, regions, agents, spans, br,
/// comments) with only the timing changed: each written p gets <c>begin</c> and <c>end</c> (its <c>dur</c> dropped) in the
/// document's own time expressions (clock, frames at its <c>ttp:frameRate</c>, ticks, offsets), relative to its
/// containers; the divs and body keep a <c>begin</c> that no re-timed p starts before and lose <c>end</c>, <c>dur</c> and
/// <c>timeContainer="seq"</c>, so no container cuts a cue short; p elements not written are removed; cues placed
/// between neighbours get an XML comment <c>ctcalign: ...</c> before them (an earlier run's such comments are removed). That keeps any TTML for <see cref="TtmlFlavour.Imsc"/>,
/// and a DFXP or EBU-TT-D document for its own flavour; other captions get a new document of the flavour asked for
/// (<see cref="TtmlCueDocumentWriter"/>).
/// </summary>
public static class TtmlWriter
{
    public static SubtitleReport Write(TextWriter writer, MediaAlignment media, SubtitleOptions options, TtmlFlavour flavour)
    {
        var document = SubtitleWriter.DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        if (document.Kind == CaptionFileKind.Ttml && !options.Karaoke) // karaoke: a new document with timed word spans
        {
            var xml = TtmlReader.Load(document.Text, document.Source);
            if (flavour == TtmlFlavour.Imsc || flavour == TtmlReader.FlavourOf(xml))
            {
                writer.Write(Retime(xml, document, cues));
                return report;
            }
        }
        writer.Write(TtmlCueDocumentWriter.Write(document, cues, flavour, options));
        return report;
    }

    /// <summary>The document with the planned cues' times written into their p elements (see the class summary).</summary>
    internal static string Retime(XDocument xml, CaptionDocument document, IReadOnlyList<TimedCue> cues)
    {
        var root = xml.Root!;
        var tt = root.Name.Namespace;
        var timing = TtmlReader.TimingOf(root, document.Source);
        var paragraphs = TtmlReader.Paragraphs(root, document.Source);
        var intervals = TtmlReader.Intervals(root, timing, document.Source);
        var body = root.Element(tt + "body")!;
        var style = body.DescendantsAndSelf().SelectMany(e => new[] { e.Attribute("begin"), e.Attribute("end"), e.Attribute("dur") })
            .Select(a => a is null ? null : TtmlTiming.StyleOf(a.Value)).FirstOrDefault(s => s is not null) ?? TtmlTimeStyle.ClockFraction;
        var byNumber = cues.ToDictionary(c => c.Cue.Number);
        var planned = new Dictionary<XElement, TimedCue>();
        for (var k = 0; k < paragraphs.Count; k++)
            if (byNumber.TryGetValue(k + 1, out var c))
                planned[paragraphs[k]] = c;

        // Containers keep a begin no written cue starts before; their ends could cut re-timed cues short, so they go.
        var baseOf = new Dictionary<XElement, double>();
        foreach (var container in body.DescendantsAndSelf().Where(e => e == body || e.Name == tt + "div"))
        {
            var parentBase = container == body ? 0 : BaseOf(container);
            var begin = intervals.TryGetValue(container, out var interval) ? interval.Begin : parentBase;
            var earliest = container.Descendants(tt + "p").Where(planned.ContainsKey).Select(p => planned[p].Start).DefaultIfEmpty(double.PositiveInfinity).Min();
            if (begin > parentBase && earliest >= begin - 1e-9)
            {
                baseOf[container] = begin;
                SetTime(container, "begin", begin - parentBase);
            }
            else
            {
                baseOf[container] = parentBase;
                container.Attribute("begin")?.Remove();
            }
            container.Attribute("end")?.Remove();
            container.Attribute("dur")?.Remove();
            if (container.Attribute("timeContainer")?.Value.Trim() == "seq")
                container.Attribute("timeContainer")!.Remove();
        }

        foreach (var old in body.DescendantNodes().OfType<XComment>().Where(c => c.Value.StartsWith(" ctcalign: ", StringComparison.Ordinal)).ToList())
        {
            if (old.NextNode is XText { } space && space.Value.Trim().Length == 0)
                space.Remove(); // the comment came with the p's indent
            old.Remove();
        }
        foreach (var p in paragraphs)
        {
            if (!planned.TryGetValue(p, out var c))
            {
                if (p.PreviousNode is XText { } space && space.Value.Trim().Length == 0)
                    space.Remove();
                p.Remove();
                continue;
            }
            var reference = BaseOf(p);
            p.Attribute("dur")?.Remove();
            SetTime(p, "begin", c.Start - reference);
            SetTime(p, "end", c.End - reference);
            if (SubtitleWriter.Mark(c) is { } note)
            {
                var indent = p.PreviousNode is XText { } t && t.Value.Trim().Length == 0 ? t.Value : "";
                p.AddBeforeSelf(new XComment($" ctcalign: {note.Replace("--", "-")} "), new XText(indent.Length > 0 ? indent : "\n"));
            }
        }
        return Serialize(xml, document.Text);

        // The nearest container's base (a p or div misplaced inside some other element still finds the body's).
        double BaseOf(XElement e) => e.Ancestors().Where(baseOf.ContainsKey).Select(a => baseOf[a]).First();

        // An unchanged time (to the style's resolution) keeps the document's own text for it.
        void SetTime(XElement e, string name, double seconds)
        {
            var text = timing.Format(seconds, style);
            if (e.Attribute(name)?.Value is { } old && timing.TryParse(old, out var was) && timing.Format(was, style) == text)
                return;
            e.SetAttributeValue(name, text);
        }
    }

    /// <summary>The document as text: an XML declaration saying UTF-8 when it had one, then its nodes as they were.</summary>
    private static string Serialize(XDocument xml, string original)
    {
        var result = new StringBuilder();
        if (xml.Declaration is { } d)
        {
            result.Append("<?xml version=\"").Append(d.Version ?? "1.0").Append("\" encoding=\"UTF-8\"");
            if (d.Standalone is { Length: > 0 } standalone)
                result.Append(" standalone=\"").Append(standalone).Append('"');
            result.Append("?>");
            var end = original.IndexOf("?>", StringComparison.Ordinal);
            if (end >= 0 && xml.FirstNode is not XText)
            {
                var after = original[(end + 2)..];
                result.Append(after[..(after.Length - after.TrimStart(' ', '\t', '\r', '\n').Length)]);
            }
        }
        foreach (var node in xml.Nodes())
            result.Append(node.ToString(SaveOptions.DisableFormatting));
        // XML writers put a space before "/>"; a document written without one keeps its own spelling.
        if (!original.Contains(" />", StringComparison.Ordinal))
            result.Replace(" />", "/>");
        var trailing = original.Length - original.TrimEnd(' ', '\t', '\r', '\n').Length;
        if (trailing > 0 && xml.LastNode is not XText && result.Length > 0 && result[^1] == '>')
            result.Append(original[^trailing..]);
        return result.ToString();
    }
}
