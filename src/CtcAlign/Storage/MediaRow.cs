using SQLite;

namespace CtcAlign.Storage;

/// <summary>Table media: one row per media id, pointing at the run that produced its stored segments.</summary>
[Table("media")]
internal sealed class MediaRow
{
    [PrimaryKey, Column("id")]
    public string Id { get; set; } = "";

    [Column("path"), NotNull]
    public string Path { get; set; } = "";

    [Column("content_hash"), NotNull]
    public string ContentHash { get; set; } = "";

    [Column("duration")]
    public double DurationSeconds { get; set; }

    [Column("run_id"), Indexed]
    public int RunId { get; set; }

    [Column("aligned_utc"), NotNull]
    public string AlignedUtc { get; set; } = "";
}
