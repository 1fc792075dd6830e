namespace CtcAlign.Alignment;

/// <summary>
/// Corrections for peaky CTC timing (ALGORITHMS.md section 1): emissions come late and narrow, so a word starts
/// a little before its first emission and ends inside the blank gap after its last one.
/// </summary>
public sealed record WordBoundaryOptions
{
    /// <summary>Frames a word's start is moved earlier (never before the previous word's end or the range start).</summary>
    public int StartEarlyFrames { get; init; } = 1;

    /// <summary>Inter-word gaps up to this long are split at their midpoint: the earlier word ends there.</summary>
    public double MidpointMaxGapSeconds { get; init; } = 0.2;

    /// <summary>After a longer gap (or at the last word), a word ends this many frames after its last emission.</summary>
    public int EndLateFrames { get; init; } = 2;

    /// <summary>No correction at all: raw first and last emission frames.</summary>
    public static WordBoundaryOptions None { get; } = new() { StartEarlyFrames = 0, MidpointMaxGapSeconds = 0, EndLateFrames = 0 };

    public static WordBoundaryOptions Default { get; } = new();
}
