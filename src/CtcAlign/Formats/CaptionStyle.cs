namespace CtcAlign.Formats;

/// <summary>
/// The styling one character of a broadcast caption carries (CEA-608, EBU STL): italics, underline and a colour
/// name (null: the default, white). Written as SRT markup: &lt;i&gt;, &lt;u&gt;, &lt;font color="red"&gt;.
/// </summary>
public readonly record struct CaptionStyle(bool Italic = false, bool Underline = false, string? Colour = null)
{
    public static CaptionStyle Plain { get; } = new();
}
