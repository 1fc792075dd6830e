namespace CtcAlign.Formats;

/// <summary>The kind of caption file a <see cref="CaptionDocument"/> was read from.</summary>
public enum CaptionFileKind
{
    Srt,
    Vtt,
    PlainText,
    Sbv,
    Ass,
    Scc,
    Stl,
    Ttml,
}
