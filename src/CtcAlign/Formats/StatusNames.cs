using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>The written names of <see cref="SegmentStatus"/>: aligned, low_confidence, not_aligned.</summary>
public static class StatusNames
{
    public static string ToName(SegmentStatus status) => status switch
    {
        SegmentStatus.Aligned => "aligned",
        SegmentStatus.LowConfidence => "low_confidence",
        SegmentStatus.NotAligned => "not_aligned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown segment status"),
    };

    public static bool TryParse(string? name, out SegmentStatus status)
    {
        switch (name)
        {
            case "aligned": status = SegmentStatus.Aligned; return true;
            case "low_confidence": status = SegmentStatus.LowConfidence; return true;
            case "not_aligned": status = SegmentStatus.NotAligned; return true;
            default: status = default; return false;
        }
    }
}
