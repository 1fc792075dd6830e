namespace CtcAlign.Alignment;

/// <summary>All caption lines of one media file after alignment, in caption order.</summary>
public sealed record MediaAlignment(string Id, string AudioPath, double DurationSeconds, IReadOnlyList<AlignedSegment> Segments);
