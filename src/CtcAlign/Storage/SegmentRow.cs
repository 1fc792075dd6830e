using SQLite;

namespace CtcAlign.Storage;

/// <summary>Table segments: one row per caption line of a media file.</summary>
[Table("segments")]
internal sealed class SegmentRow
{
    [PrimaryKey, AutoIncrement, Column("id")]
    public int Id { get; set; }

    [Column("run_id")]
    public int RunId { get; set; }

    [Column("media_id"), NotNull, Indexed(Name = "ix_segments_media_index", Order = 1, Unique = true)]
    public string MediaId { get; set; } = "";

    [Column("caption_index"), Indexed(Name = "ix_segments_media_index", Order = 2, Unique = true)]
    public int CaptionIndex { get; set; }

    [Column("text"), NotNull]
    public string Text { get; set; } = "";

    [Column("normalized_text"), NotNull]
    public string NormalizedText { get; set; } = "";

    [Column("start")]
    public double? Start { get; set; }

    [Column("end")]
    public double? End { get; set; }

    /// <summary>rho; NULL for a line that was never placed (rho -infinity).</summary>
    [Column("rho")]
    public double? Rho { get; set; }

    [Column("status"), NotNull]
    public string Status { get; set; } = "";

    [Column("caption_wer")]
    public double? CaptionWer { get; set; }

    [Column("hint_start")]
    public double? HintStart { get; set; }

    [Column("hint_end")]
    public double? HintEnd { get; set; }

    [Column("rerank_note")]
    public string? RerankNote { get; set; }

    /// <summary>Why the line is low confidence or not aligned (schema 2).</summary>
    [Column("status_reason")]
    public string? StatusReason { get; set; }

    /// <summary>The calibrated probability that the line's times are within 0.5 s (schema 3, added in place; NULL without calibration).</summary>
    [Column("p_correct")]
    public double? PCorrect { get; set; }
}
