namespace CtcAlign.Alignment;

/// <summary>
/// All caption lines of one media file after alignment, in caption order. Segment, word and hint times are seconds of
/// the decoded audio (0 = its first sample); <see cref="TimelineOffsetSeconds"/> puts them on the programme's timeline.
/// </summary>
public sealed record MediaAlignment(string Id, string AudioPath, double DurationSeconds, IReadOnlyList<AlignedSegment> Segments)
{
    /// <summary>Where the captions came from (a file path, or "--text"): re-timed SRT/WebVTT re-read <see cref="CaptionsText"/> as this kind of file.</summary>
    public string? CaptionsName { get; init; }

    /// <summary>The caption file's text as read (decoded), so re-timed captions keep its cues, styling and blocks; null when not known.</summary>
    public string? CaptionsText { get; init; }

    /// <summary>
    /// Seconds added to every audio time on output (SRT, WebVTT, JSON, CTM, TextGrid): the audio stream's start in its
    /// container (audio 0.5 s after the video: 0.5) plus the captions' timecode base (10:00:00: 36000); 0 by default.
    /// </summary>
    public double TimelineOffsetSeconds { get; init; }

    /// <summary>What the caption match check found when it ran on this run's alignment (its scores), else null.</summary>
    public string? CaptionMatchNote { get; init; }

    /// <summary>Set when the caption match check found the captions do not belong to the audio and the file was aligned anyway (what it found).</summary>
    public string? MismatchNote { get; init; }

    /// <summary>Where the audio's first sample lies in the times held here: 0 for audio times, the offset once <see cref="OnOutputTimeline"/> moved them.</summary>
    public double AudioStartSeconds { get; init; }

    /// <summary>The audio's end in the times held here.</summary>
    public double AudioEndSeconds => AudioStartSeconds + DurationSeconds;

    /// <summary>This alignment with every time (segments, words, word parts, hints) moved onto the programme's timeline.</summary>
    public MediaAlignment OnOutputTimeline()
    {
        var d = TimelineOffsetSeconds;
        if (d == 0)
            return this;
        return this with
        {
            TimelineOffsetSeconds = 0,
            AudioStartSeconds = AudioStartSeconds + d,
            Segments = Segments.Select(s => s with
            {
                Start = s.Start + d, End = s.End + d, HintStart = s.HintStart + d, HintEnd = s.HintEnd + d,
                Words = s.Words.Select(w => w with
                {
                    Start = w.Start + d, End = w.End + d,
                    Parts = w.Parts?.Select(p => p with { Start = p.Start + d, End = p.End + d }).ToList(),
                }).ToList(),
            }).ToList(),
        };
    }
}
