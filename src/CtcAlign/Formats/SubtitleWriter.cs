using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed SRT and WebVTT. When the media's caption file is known (<see cref="MediaAlignment.CaptionsText"/>)
/// its cues are written as they were (styling, line breaks, WebVTT cue ids and settings, SRT coordinates, and
/// in WebVTT the header and the NOTE/STYLE/REGION blocks) and only the times change; otherwise each line's
/// text is one cue. Which cues are written and when: see <see cref="CueTimeline"/>. Between formats, markup
/// the other format lacks is dropped (SRT's &lt;font&gt; and {\an8} in WebVTT; voice and class tags in SRT); a cue's
/// speakers (<see cref="CaptionCue.Speakers"/>, from TTML or ASS) become WebVTT voices and the ASS Name field.
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
            var lines = c.Cue.TextLines.Select(line => (document.Kind switch
            {
                CaptionFileKind.Vtt => CaptionText.VttToSrt(line),
                CaptionFileKind.Ass => CaptionText.AssToSrt(line),
                _ => line,
            }).Replace("-->", "->")).ToList();
            foreach (var (start, end, shown) in options.Karaoke ? KaraokeWriter.Srt(c, lines, options) : [(c.Start, c.End, lines)])
            {
                writer.Write($"{number++}\n{CaptionTimestamp.FormatSrt(start)} --> {CaptionTimestamp.FormatSrt(end)}{settings}\n");
                foreach (var line in shown)
                    writer.Write(line + "\n");
                writer.Write("\n");
            }
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
            var lines = vtt ? c.Cue.TextLines
                : CaptionText.WithVoices(c.Cue.TextLines.Select(line => CaptionText.SrtToVtt(document.Kind == CaptionFileKind.Ass ? CaptionText.AssToSrt(line) : line)).ToList(), c.Cue.Speakers);
            foreach (var line in options.Karaoke ? KaraokeWriter.Vtt(c, lines, options) : lines)
                writer.Write(line + "\n");
            writer.Write("\n");
        }
        return report;
    }

    /// <summary>YouTube SubViewer: "H:MM:SS.mmm,H:MM:SS.mmm" and the cue's lines; SBV has no markup, so tags are dropped.</summary>
    public static SubtitleReport WriteSbv(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        var document = DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var first = true;
        foreach (var c in cues)
        {
            if (!first)
                writer.Write("\n");
            first = false;
            writer.Write($"{SbvReader.FormatTime(c.Start)},{SbvReader.FormatTime(c.End)}\n");
            foreach (var line in c.Cue.TextLines)
                writer.Write((document.Kind == CaptionFileKind.Sbv ? line : CaptionText.Clean([line])) + "\n");
        }
        return report;
    }

    /// <summary>The script header written when the captions were not an ASS/SSA script: one Default style, bottom centre.</summary>
    public static readonly IReadOnlyList<string> AssHeader =
    [
        "[Script Info]", "ScriptType: v4.00+", "PlayResX: 384", "PlayResY: 288", "WrapStyle: 0", "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
        "Style: Default,Arial,16,&H00FFFFFF,&H00FFFFFF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1", "",
        "[Events]", "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ];

    /// <summary>
    /// Advanced SubStation Alpha: an ASS/SSA script is written as it was with only its Dialogue times changed (to centiseconds);
    /// other captions get <see cref="AssHeader"/> and one Dialogue line per cue, &lt;i&gt;/&lt;b&gt;/&lt;u&gt; as override tags, lines joined by \N.
    /// </summary>
    public static SubtitleReport WriteAss(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        var document = DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var output = new List<string>();
        if (document.Kind == CaptionFileKind.Ass)
        {
            var byCue = cues.ToDictionary(c => c.Cue.Number);
            foreach (var block in document.Blocks)
            {
                if (block.Cue is null)
                    output.AddRange(block.Verbatim);
                else if (byCue.TryGetValue(block.Cue.Number, out var c))
                    output.Add(Dialogue(c, c.Cue.Settings, options.Karaoke ? KaraokeWriter.Ass(c, c.Cue.TextLines, options) : c.Cue.TextLines));
            }
            writer.Write(string.Join("\n", output));
            return report;
        }
        output.AddRange(AssHeader);
        var severalSpeakers = new List<int>();
        foreach (var c in cues)
        {
            var lines = c.Cue.TextLines.Select(l => CaptionText.SrtToAss(document.Kind == CaptionFileKind.Vtt ? CaptionText.VttToSrt(l) : l)).ToList();
            output.Add(Dialogue(c, NewDialogue(c.Cue.Speakers), options.Karaoke ? KaraokeWriter.Ass(c, lines, options) : lines));
            if (c.Cue.Speakers?.Where(s => s is not null).Distinct().Skip(1).Any() == true)
                severalSpeakers.Add(output.Count - AssHeader.Count);
        }
        writer.Write(string.Join("\n", output) + "\n");
        if (severalSpeakers.Count == 0)
            return report;
        // an ASS event has one Name; separate events would stack in an order each renderer chooses
        var which = string.Join(", ", severalSpeakers.Take(3)) + (severalSpeakers.Count > 3 ? ", ..." : "");
        return report with
        {
            Notes = [.. report.Notes, $"{severalSpeakers.Count} {(severalSpeakers.Count == 1 ? "cue has" : "cues have")} more than one speaker: an ASS event names one, its first (cue {which})"],
        };
    }

    /// <summary>
    /// A new Dialogue line's fields up to the text: the Default style and the cue's speaker as its Name (an event has one
    /// name: the first line's speaker, else the first named; commas, which would end the field, become spaces).
    /// </summary>
    internal static string NewDialogue(IReadOnlyList<string?>? speakers)
    {
        var name = speakers?.FirstOrDefault(s => s is not null)?.Replace(',', ' ').Replace("\n", " ").Trim() ?? "";
        return $"Dialogue: 0,{AssReader.StartMark},{AssReader.EndMark},Default,{name},0,0,0,,";
    }

    private static string Dialogue(TimedCue c, string template, IReadOnlyList<string> lines) =>
        (template.Length > 0 ? template : NewDialogue(null))
            .Replace(AssReader.StartMark, AssReader.FormatTime(c.Start)).Replace(AssReader.EndMark, AssReader.FormatTime(c.End))
        + string.Join("\\N", lines);

    internal static string? Mark(TimedCue c) => c.Kind switch
    {
        TimedCueKind.KeptUnaligned => $"the next cue is {StatusNames.ToName(c.Segment?.Status ?? SegmentStatus.NotAligned)}"
            + (c.Segment?.StatusReason is { } why ? $" ({why.Replace("-->", "->")})" : "") + "; placed between its re-timed neighbours",
        TimedCueKind.SoundOnly => "the next cue is sound only (not aligned as speech); placed between its re-timed neighbours",
        _ => null,
    };

    /// <summary>
    /// The media's caption file as read when it is stored and still matches the aligned lines (same count and
    /// text; SCC: on the channel, CC1 or CC2, whose lines they are); else one cue per aligned line with its text and hint times.
    /// </summary>
    public static CaptionDocument DocumentOf(MediaAlignment media)
    {
        if (media.CaptionsText is { } text && media.CaptionsName is { } name)
        {
            // an SCC file was read on one of its channels: the one whose lines are the aligned ones
            var channels = Path.GetExtension(name).Equals(".scc", StringComparison.OrdinalIgnoreCase) || SccReader.LooksLikeScc(text) ? SccReader.Channels : 1;
            var byIndex = media.Segments.ToDictionary(s => s.Index);
            for (var channel = 1; channel <= channels; channel++)
            {
                try
                {
                    var document = CaptionReader.Parse(text, name, channel);
                    if (document.Lines.Count == media.Segments.Count
                        && document.Lines.All(l => byIndex.TryGetValue(l.Index, out var s) && s.Text == l.Text))
                        return document;
                }
                catch (CaptionFormatException)
                {
                }
            }
        }
        return CaptionDocument.OfLines(media.Segments.Select(s => new CaptionLine(s.Index, s.Text, s.HintStart, s.HintEnd)).ToList());
    }
}
