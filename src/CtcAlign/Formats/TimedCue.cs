using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>One cue of a re-timed caption file: the cue as read, its new times, why it is there and its aligned line (when it has one).</summary>
public sealed record TimedCue(CaptionCue Cue, double Start, double End, TimedCueKind Kind, AlignedSegment? Segment);
