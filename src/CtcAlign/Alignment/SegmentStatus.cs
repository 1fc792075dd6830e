namespace CtcAlign.Alignment;

/// <summary>Outcome of aligning one caption line.</summary>
public enum SegmentStatus
{
    /// <summary>Placed, with confidence rho at or above the acceptance threshold.</summary>
    Aligned,

    /// <summary>Placed, but rho is below the threshold: check before trusting it.</summary>
    LowConfidence,

    /// <summary>Could not be placed in the audio (never spoken, or no room left for it).</summary>
    NotAligned,
}
