using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed SRT and WebVTT: each caption's own text with its aligned times. Lines without aligned
/// times are kept at their original (hint) times when <c>keepUnaligned</c> is set, otherwise dropped.
/// </summary>
public static class SubtitleWriter
{
    public static void WriteSrt(TextWriter writer, MediaAlignment media, bool keepUnaligned)
    {
        var number = 1;
        foreach (var (segment, start, end) in Cues(media, keepUnaligned))
        {
            writer.Write($"{number++}\n{CaptionTimestamp.FormatSrt(start)} --> {CaptionTimestamp.FormatSrt(end)}\n{segment.Text}\n\n");
        }
    }

    public static void WriteVtt(TextWriter writer, MediaAlignment media, bool keepUnaligned)
    {
        writer.Write("WEBVTT\n\n");
        foreach (var (segment, start, end) in Cues(media, keepUnaligned))
        {
            var text = segment.Text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("-->", "--&gt;");
            writer.Write($"{CaptionTimestamp.FormatVtt(start)} --> {CaptionTimestamp.FormatVtt(end)}\n{text}\n\n");
        }
    }

    /// <summary>The cues to write, in caption order: aligned times, else hint times when kept.</summary>
    public static IEnumerable<(AlignedSegment Segment, double Start, double End)> Cues(MediaAlignment media, bool keepUnaligned)
    {
        foreach (var s in media.Segments)
        {
            if (s.Status != SegmentStatus.NotAligned && s.Start is { } start && s.End is { } end)
                yield return (s, start, end);
            else if (keepUnaligned && s.HintStart is { } hintStart && s.HintEnd is { } hintEnd)
                yield return (s, hintStart, hintEnd);
        }
    }
}
