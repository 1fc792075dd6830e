namespace CtcAlign.Storage;

/// <summary>One row of the media-with-run query behind <see cref="SegmentStore.ListMedia"/> (the run columns are null for a media row without its run).</summary>
internal sealed class StoredMediaRow
{
    public string Id { get; set; } = "";
    public string Path { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public double DurationSeconds { get; set; }
    public int RunId { get; set; }
    public string? Model { get; set; }
    public string? ParametersJson { get; set; }
    public string? ToolVersion { get; set; }
    public string AlignedUtc { get; set; } = "";
}
