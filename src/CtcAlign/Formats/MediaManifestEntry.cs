namespace CtcAlign.Formats;

/// <summary>
/// One line of an align manifest: media id, audio path, and either a captions file path or the text itself.
/// Paths are already resolved against the manifest's folder. <see cref="LineNumber"/> is 1-based.
/// </summary>
public sealed record MediaManifestEntry(string Id, string AudioPath, string? CaptionsPath, string? Text, int LineNumber);
