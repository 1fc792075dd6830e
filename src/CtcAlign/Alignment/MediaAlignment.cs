namespace CtcAlign.Alignment;

/// <summary>All caption lines of one media file after alignment, in caption order.</summary>
public sealed record MediaAlignment(string Id, string AudioPath, double DurationSeconds, IReadOnlyList<AlignedSegment> Segments)
{
    /// <summary>Where the captions came from (a file path, or "--text"): re-timed SRT/WebVTT re-read <see cref="CaptionsText"/> as this kind of file.</summary>
    public string? CaptionsName { get; init; }

    /// <summary>The caption file's text as read (decoded), so re-timed captions keep its cues, styling and blocks; null when not known.</summary>
    public string? CaptionsText { get; init; }
}
