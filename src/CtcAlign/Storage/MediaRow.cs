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

    /// <summary>Where the captions came from (path or "--text"), schema 3.</summary>
    [Column("captions_name")]
    public string? CaptionsName { get; set; }

    /// <summary>The caption file's decoded text, so exports re-time its cues as written (schema 3).</summary>
    [Column("captions_text")]
    public string? CaptionsText { get; set; }

    /// <summary>Seconds added to the stored audio times on output: the audio stream's start in its container plus the captions' timecode base (schema 4).</summary>
    [Column("timeline_offset")]
    public double? TimelineOffsetSeconds { get; set; }
}
