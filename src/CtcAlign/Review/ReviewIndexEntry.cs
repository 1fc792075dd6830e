namespace CtcAlign.Review;

/// <summary>One media's row on the index page: its page, length and line counts by status.</summary>
public sealed record ReviewIndexEntry(
    string Id,
    string PageHref,
    string AudioPath,
    double DurationSeconds,
    int Lines,
    int Aligned,
    int LowConfidence,
    int NotAligned,
    string Model,
    string AlignedUtc);
