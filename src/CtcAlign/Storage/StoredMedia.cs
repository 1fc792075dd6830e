namespace CtcAlign.Storage;

/// <summary>What the store knows about one media file and the run that aligned it.</summary>
public sealed record StoredMedia(
    string Id,
    string Path,
    string ContentHash,
    double DurationSeconds,
    int RunId,
    string Model,
    string ParametersJson,
    string ToolVersion,
    string AlignedUtc);
