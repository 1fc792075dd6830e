namespace CtcAlign.Formats;

/// <summary>
/// One cue as the caption file has it: its number in the file (1-based, in file order), the file line of its
/// timing line (or first line), a WebVTT cue id, the times (null when the file had none or they were wrong),
/// the settings after the end time (WebVTT cue settings, SRT coordinates) and its text lines exactly as
/// written (markup, speaker labels, sound descriptions and line breaks kept).
/// </summary>
public sealed record CaptionCue(int Number, int FileLine, string? Id, double? Start, double? End, string Settings, IReadOnlyList<string> TextLines)
{
    /// <summary>The caption line aligned for this cue; null when the cue has no spoken text (sound only, or empty).</summary>
    public int? LineIndex { get; init; }

    /// <summary>
    /// Who speaks each text line (one entry per line, null for a line without a speaker): WebVTT's &lt;v Name&gt;, the name of
    /// TTML's <c>ttm:agent</c>, the ASS Name field; null when the file names no speaker for the cue. Kept when the cue is
    /// written in another of these formats.
    /// </summary>
    public IReadOnlyList<string?>? Speakers { get; init; }

    /// <summary>True when the cue has text but none of it is speech (music notes, [APPLAUSE], a speaker label alone).</summary>
    public bool IsSoundOnly { get; init; }
}
