namespace CtcAlign.Formats;

/// <summary>One CTM line: a word of a media file, its start and duration (seconds) and score.</summary>
public sealed record CtmEntry(string MediaId, int Channel, double Start, double Duration, string Word, double? Score);
