using System.Globalization;
using System.Xml.Linq;

namespace CtcAlign.Formats;

/// <summary>
/// The styles and regions of a TTML document (by <c>xml:id</c>) and how an element's styling resolves: referenced
/// styles first (a style's own references before its attributes), then the element's inline <c>tts:</c> attributes,
/// on top of what it inherits from its parents (body, div, p, span).
/// </summary>
internal sealed class TtmlStyles
{
    private readonly Dictionary<string, XElement> _styles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _regions = new(StringComparer.Ordinal);
    private readonly XNamespace _tt;

    public TtmlStyles(XElement root)
    {
        _tt = root.Name.Namespace;
        if (root.Element(_tt + "head") is { } head)
        {
            foreach (var style in head.Descendants(_tt + "style"))
                if (style.Attribute(XNamespace.Xml + "id")?.Value is { } id)
                    _styles.TryAdd(id, style);
            foreach (var region in head.Descendants(_tt + "region"))
                if (region.Attribute(XNamespace.Xml + "id")?.Value is { } id)
                    _regions.TryAdd(id, region);
        }
        if (root.Element(_tt + "body") is { } body)
            BaseColor = Apply(TtmlSpanStyle.Plain, body).Color;
    }

    /// <summary>The colour the body sets for all its text (not shown as markup), or null.</summary>
    public string? BaseColor { get; }

    /// <summary>The style an element starts from: its ancestors' (from the body down) and its own.</summary>
    public TtmlSpanStyle Inherited(XElement e)
    {
        var style = TtmlSpanStyle.Plain;
        foreach (var level in e.AncestorsAndSelf().TakeWhile(a => a.Name != _tt + "tt").Reverse())
            style = Apply(style, level);
        return style;
    }

    /// <summary><paramref name="style"/> with the element's referenced styles and inline styling applied.</summary>
    public TtmlSpanStyle Apply(TtmlSpanStyle style, XElement e) => Apply(style, e, 0);

    private TtmlSpanStyle Apply(TtmlSpanStyle style, XElement e, int depth)
    {
        if (depth > 16)
            return style; // a cycle of style references
        if (e.Attribute("style")?.Value is { } references)
            foreach (var id in references.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
                if (_styles.TryGetValue(id, out var referenced))
                    style = Apply(style, referenced, depth + 1);
        return style.With(TtmlNames.Attribute(e, "styling", "fontStyle"), TtmlNames.Attribute(e, "styling", "fontWeight"),
            TtmlNames.Attribute(e, "styling", "textDecoration"), TtmlNames.Attribute(e, "styling", "color"));
    }

    /// <summary>
    /// True when the paragraph's region (its own or its nearest container's) sits at the top: <c>tts:displayAlign="before"</c>
    /// with an origin in the upper half (or none), or an origin and extent that end in the upper half.
    /// </summary>
    public bool IsTop(XElement p)
    {
        var id = p.AncestorsAndSelf().Select(a => a.Attribute("region")?.Value).FirstOrDefault(v => v is not null);
        if (id is null || !_regions.TryGetValue(id.Trim(), out var region))
            return false;
        var align = RegionAttribute(region, "displayAlign");
        var originY = Percent(RegionAttribute(region, "origin"));
        var extentY = Percent(RegionAttribute(region, "extent"));
        if (originY is { } oy && extentY is { } ey && oy + ey <= 50)
            return true;
        return align?.Trim() == "before" && (originY is null || originY < 50);
    }

    private string? RegionAttribute(XElement region, string name)
    {
        if (TtmlNames.Attribute(region, "styling", name) is { } inline)
            return inline;
        foreach (var style in region.Elements(_tt + "style"))
            if (TtmlNames.Attribute(style, "styling", name) is { } nested)
                return nested;
        if (region.Attribute("style")?.Value is { } references)
            foreach (var sid in references.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (_styles.TryGetValue(sid, out var s) && TtmlNames.Attribute(s, "styling", name) is { } referenced)
                    return referenced;
        return null;
    }

    /// <summary>The second (vertical) value of "10% 80%" as a percentage; null when absent or not in percent.</summary>
    private static double? Percent(string? pair)
    {
        var parts = pair?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || !parts[1].EndsWith('%'))
            return null;
        return double.TryParse(parts[1][..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
