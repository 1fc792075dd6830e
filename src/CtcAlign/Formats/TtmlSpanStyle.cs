namespace CtcAlign.Formats;

/// <summary>The styling of a run of TTML text that captions carry between formats: italic, bold, underline and colour (null: not set).</summary>
public sealed record TtmlSpanStyle(bool Italic, bool Bold, bool Underline, string? Color)
{
    public static TtmlSpanStyle Plain { get; } = new(false, false, false, null);

    /// <summary>This style with the styling attributes of one element or style applied (null values leave a property as it is).</summary>
    public TtmlSpanStyle With(string? fontStyle, string? fontWeight, string? textDecoration, string? color)
    {
        var s = this;
        if (fontStyle is not null)
            s = s with { Italic = fontStyle.Trim() is "italic" or "oblique" or "reverseOblique" };
        if (fontWeight is not null)
            s = s with { Bold = fontWeight.Trim() == "bold" };
        if (textDecoration is not null)
        {
            var parts = textDecoration.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Contains("underline"))
                s = s with { Underline = true };
            else if (parts.Contains("noUnderline") || parts.Contains("none"))
                s = s with { Underline = false };
        }
        if (color is not null)
            s = s with { Color = color.Trim() };
        return s;
    }
}
