using CtcAlign.Alignment;

namespace CtcAlign.Acoustic;

/// <summary>
/// The word-boundary rules measured for one model (its package's <c>boundary_rules</c>, fitted by
/// tools/model/evaluate.py on held-out voices with true word times): a word starts <see cref="StartShiftSeconds"/>
/// after its first emission (negative: before it); it ends at the midpoint of the gap to the next word when that gap
/// is at most <see cref="GapLimitSeconds"/>, else <see cref="EndPadSeconds"/> after its last emission.
/// </summary>
public sealed record BoundaryRules(double StartShiftSeconds, double EndPadSeconds, double GapLimitSeconds)
{
    /// <summary>The rules in the aligner's units (whole frames), with any of them replaced by the user's choice.</summary>
    public WordBoundaryOptions ToOptions(double frameSeconds, int? startEarlyFrames = null, int? endLateFrames = null,
        double? midpointMaxGapSeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSeconds);
        return new WordBoundaryOptions
        {
            StartEarlyFrames = startEarlyFrames ?? Math.Max(0, (int)Math.Round(-StartShiftSeconds / frameSeconds)),
            EndLateFrames = endLateFrames ?? Math.Max(0, (int)Math.Round(EndPadSeconds / frameSeconds)),
            MidpointMaxGapSeconds = midpointMaxGapSeconds ?? Math.Max(0, GapLimitSeconds),
        };
    }
}
