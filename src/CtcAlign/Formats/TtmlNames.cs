using System.Xml.Linq;

namespace CtcAlign.Formats;

/// <summary>The XML namespaces of the TTML family: TTML1 (IMSC1, EBU-TT-D), DFXP's older ones, and EBU's.</summary>
public static class TtmlNames
{
    public static readonly XNamespace Ttml = "http://www.w3.org/ns/ttml";

    /// <summary>DFXP, the 2006-2009 candidate recommendations (and the 2006/04 draft, read only).</summary>
    public static readonly XNamespace Dfxp = "http://www.w3.org/2006/10/ttaf1";

    private static readonly XNamespace DfxpDraft = "http://www.w3.org/2006/04/ttaf1";

    public static readonly XNamespace EbuMetadata = "urn:ebu:tt:metadata";

    public static readonly XNamespace EbuStyle = "urn:ebu:tt:style";

    /// <summary>The IMSC1 text profile designator.</summary>
    public const string ImscTextProfile = "http://www.w3.org/ns/ttml/profile/imsc1/text";

    /// <summary>What EBU-TT-D documents say they conform to (<c>ebuttm:conformsToStandard</c>).</summary>
    public const string EbuTtDStandard = "urn:ebu:tt:distribution:2014-01";

    /// <summary>True for a namespace of the tt elements (TTML1, DFXP, the DFXP draft, or none at all).</summary>
    public static bool IsContentNamespace(XNamespace ns) => ns == Ttml || ns == Dfxp || ns == DfxpDraft || ns == XNamespace.None;

    /// <summary>The styling namespace that goes with a content namespace (<c>#styling</c>).</summary>
    public static XNamespace Styling(XNamespace content) => content.NamespaceName + "#styling";

    public static XNamespace Parameter(XNamespace content) => content.NamespaceName + "#parameter";

    public static XNamespace Metadata(XNamespace content) => content.NamespaceName + "#metadata";

    /// <summary>
    /// The attribute <paramref name="localName"/> of the styling (<c>#styling</c>, DFXP drafts' <c>#style</c>), parameter or
    /// metadata vocabulary, whichever TTML generation's namespace it is in.
    /// </summary>
    public static string? Attribute(XElement element, string vocabulary, string localName)
    {
        foreach (var a in element.Attributes())
        {
            if (a.Name.LocalName != localName)
                continue;
            var ns = a.Name.NamespaceName;
            var hash = ns.LastIndexOf('#');
            if (hash < 0)
                continue;
            var suffix = ns[(hash + 1)..];
            if (suffix == vocabulary || vocabulary == "styling" && suffix == "style")
                return a.Value;
        }
        return null;
    }
}
