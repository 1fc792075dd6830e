namespace CtcAlign.Formats;

/// <summary>
/// One caption line as read from a caption file: its 0-based index, its original text, and the times the file
/// gave (seconds; hints at most, null for plain text).
/// </summary>
public sealed record CaptionLine(int Index, string Text, double? Start = null, double? End = null);
