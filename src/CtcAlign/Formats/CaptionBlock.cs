namespace CtcAlign.Formats;

/// <summary>One block of a caption file, in file order: a cue, or a block kept verbatim (WebVTT NOTE, STYLE, REGION).</summary>
public sealed record CaptionBlock(CaptionCue? Cue, IReadOnlyList<string> Verbatim)
{
    public static CaptionBlock Of(CaptionCue cue) => new(cue, []);

    public static CaptionBlock Text(IReadOnlyList<string> lines) => new(null, lines);
}
