using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Where a cue sits on the picture, for the writers of formats that place their captions (SCC, EBU STL, TTML): its lines
/// in SRT markup, and whether it was put at the top.
/// </summary>
internal static class CaptionPlacement
{
    /// <summary>The cue's lines in SRT markup (WebVTT and ASS markup converted; {\an8} and the like kept).</summary>
    public static List<string> SrtLines(CaptionCue cue, CaptionFileKind kind) =>
        cue.TextLines.Select(l => kind switch
        {
            CaptionFileKind.Vtt => CaptionText.VttToSrt(l),
            CaptionFileKind.Ass => CaptionText.AssToSrt(l),
            _ => l,
        }).ToList();

    /// <summary>
    /// Whether a cue is placed at the top of the picture: a top alignment tag ({\an7}, {\an8}, {\an9}: ASS, SRT, TTML's top
    /// region as read) on one of its lines; for an SCC caption, a first row in the top half (rows 1-7); for WebVTT, a
    /// <c>line:</c> setting in the top half (a percentage below 50, or a line number 0-6, counted from the top).
    /// </summary>
    public static bool AtTop(CaptionCue cue, CaptionFileKind kind)
    {
        if (SrtLines(cue, kind).Any(l => l.Contains("{\\an7}") || l.Contains("{\\an8}") || l.Contains("{\\an9}")))
            return true;
        if (kind == CaptionFileKind.Scc)
            return SccReader.PositionsOf(cue.Settings) is { Count: > 0 } positions && positions[0].Row <= 7;
        if (kind != CaptionFileKind.Vtt)
            return false;
        var line = cue.Settings.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.StartsWith("line:", StringComparison.Ordinal));
        var value = line?[5..].Split(',')[0];
        if (value is null)
            return false;
        return value.EndsWith('%')
            ? double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent < 50
            : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 6;
    }
}
