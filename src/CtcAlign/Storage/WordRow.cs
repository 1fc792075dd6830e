using SQLite;

namespace CtcAlign.Storage;

/// <summary>Table words: the words of one segment, in order.</summary>
[Table("words")]
internal sealed class WordRow
{
    [PrimaryKey, AutoIncrement, Column("id")]
    public int Id { get; set; }

    [Column("segment_id"), Indexed(Name = "ix_words_segment", Order = 1)]
    public int SegmentId { get; set; }

    [Column("word_index"), Indexed(Name = "ix_words_segment", Order = 2)]
    public int WordIndex { get; set; }

    [Column("text"), NotNull]
    public string Text { get; set; } = "";

    [Column("start")]
    public double Start { get; set; }

    [Column("end")]
    public double End { get; set; }

    [Column("score")]
    public double Score { get; set; }

    /// <summary>A hyphenated compound's parts as JSON <c>[{"word","start","end"}]</c>; null for other words (schema 3).</summary>
    [Column("parts")]
    public string? Parts { get; set; }
}
