namespace CtcAlign.Pipeline;

/// <summary>The word-boundary rules a user set explicitly (null: the model's measured rule).</summary>
public sealed record WordBoundaryChoice(int? StartEarlyFrames = null, int? EndLateFrames = null, double? MidpointMaxGapSeconds = null);
