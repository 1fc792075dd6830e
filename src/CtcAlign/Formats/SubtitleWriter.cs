using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed SRT and WebVTT. When the media's caption file is known (<see cref="MediaAlignment.CaptionsText"/>)
/// its cues are written as they were (styling, line breaks, WebVTT cue ids and settings, SRT coordinates, and
/// in WebVTT the header and the NOTE/STYLE/REGION blocks) and only the times change; otherwise each line's
/// text is one cue. Which cues are written and when: see <see cref="CueTimeline"/>. Between formats, markup
/// the other format lacks is dropped (SRT's &lt;font&gt; and {\an8} in WebVTT; voice and class tags in SRT).
/// </summary>
public static class SubtitleWriter
{
    public static SubtitleReport WriteSrt(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        var document = DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var number = 1;
        foreach (var c in cues)
        {
            var settings = document.Kind == CaptionFileKind.Srt && c.Cue.Settings.Length > 0 ? " " + c.Cue.Settings : "";
            writer.Write($"{number++}\n{CaptionTimestamp.FormatSrt(c.Start)} --> {CaptionTimestamp.FormatSrt(c.End)}{settings}\n");
            foreach (var line in c.Cue.TextLines)
                writer.Write((document.Kind == CaptionFileKind.Vtt ? CaptionText.VttToSrt(line) : line).Replace("-->", "->") + "\n");
            writer.Write("\n");
        }
        return report;
    }

    public static SubtitleReport WriteVtt(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        var document = DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var vtt = document.Kind == CaptionFileKind.Vtt;
        foreach (var line in vtt && document.Header.Count > 0 ? document.Header : ["WEBVTT"])
            writer.Write(line + "\n");
        writer.Write("\n");
        var byCue = cues.ToDictionary(c => c.Cue.Number);
        foreach (var block in document.Blocks)
        {
            if (block.Cue is null)
            {
                if (vtt)
                    writer.Write(string.Join("\n", block.Verbatim) + "\n\n");
                continue;
            }
            if (!byCue.TryGetValue(block.Cue.Number, out var c))
                continue;
            if (Mark(c) is { } note)
                writer.Write($"NOTE ctcalign: {note}\n\n");
            if (vtt && c.Cue.Id is { } id)
                writer.Write(id + "\n");
            var settings = vtt && c.Cue.Settings.Length > 0 ? " " + c.Cue.Settings : "";
            writer.Write($"{CaptionTimestamp.FormatVtt(c.Start)} --> {CaptionTimestamp.FormatVtt(c.End)}{settings}\n");
            foreach (var line in c.Cue.TextLines)
                writer.Write((vtt ? line : CaptionText.SrtToVtt(line)) + "\n");
            writer.Write("\n");
        }
        return report;
    }

    private static string? Mark(TimedCue c) => c.Kind switch
    {
        TimedCueKind.KeptUnaligned => $"the next cue is {StatusNames.ToName(c.Segment?.Status ?? SegmentStatus.NotAligned)}"
            + (c.Segment?.StatusReason is { } why ? $" ({why.Replace("-->", "->")})" : "") + "; placed between its re-timed neighbours",
        TimedCueKind.SoundOnly => "the next cue is sound only (not aligned as speech); placed between its re-timed neighbours",
        _ => null,
    };

    /// <summary>
    /// The media's caption file as read when it is stored and still matches the aligned lines (same count and
    /// text); else one cue per aligned line with its text and hint times.
    /// </summary>
    public static CaptionDocument DocumentOf(MediaAlignment media)
    {
        if (media.CaptionsText is { } text && media.CaptionsName is { } name)
        {
            try
            {
                var document = CaptionReader.Parse(text, name);
                var byIndex = media.Segments.ToDictionary(s => s.Index);
                if (document.Lines.Count == media.Segments.Count
                    && document.Lines.All(l => byIndex.TryGetValue(l.Index, out var s) && s.Text == l.Text))
                    return document;
            }
            catch (CaptionFormatException)
            {
            }
        }
        return CaptionDocument.OfLines(media.Segments.Select(s => new CaptionLine(s.Index, s.Text, s.HintStart, s.HintEnd)).ToList());
    }
}
