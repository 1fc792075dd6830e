namespace CtcAlign.Pipeline;

/// <summary>A file being aligned: its id, the media seconds whose emissions reached the aligner, and its duration when the header says.</summary>
public sealed record MediaProgress(string Id, double SecondsDone, double? DurationSeconds);
