using CtcAlign.Formats;

namespace CtcAlign.Pipeline;

/// <summary>One media file to align: its id (manifest id, or the file name without extension), its audio path and its caption lines in order.</summary>
public sealed record MediaJob(string Id, string AudioPath, IReadOnlyList<CaptionLine> Captions);
