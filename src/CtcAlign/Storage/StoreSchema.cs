namespace CtcAlign.Storage;

/// <summary>
/// The store's schema, declared once for every backend (SQLite and PostgreSQL): tables, columns, indexes and the
/// version. A new column is one line here (added as NULL-able by the migration of older stores) plus where
/// <see cref="SegmentStore"/> writes and reads it. Column names are always quoted ("end" is reserved in PostgreSQL).
/// </summary>
public static class StoreSchema
{
    /// <summary>
    /// The schema this build writes and reads. 1 -> 2 added segments.status_reason; 3 added words.parts and
    /// media.captions_name, media.captions_text; 4 added segments.p_correct and
    /// media.timeline_offset. Migration adds every column of
    /// <see cref="Tables"/> that is missing.
    /// </summary>
    public const int Version = 4;

    public static readonly StoreTable Runs = new("runs",
    [
        new("id", ColumnKind.Key),
        new("model", ColumnKind.Text, NotNull: true),
        new("parameters", ColumnKind.Text, NotNull: true),
        new("tool_version", ColumnKind.Text, NotNull: true),
        new("started_utc", ColumnKind.Text, NotNull: true),
    ], []);

    public static readonly StoreTable Media = new("media",
    [
        new("id", ColumnKind.Text, NotNull: true, PrimaryKey: true),
        new("path", ColumnKind.Text, NotNull: true),
        new("content_hash", ColumnKind.Text, NotNull: true),
        new("duration", ColumnKind.Real),
        new("run_id", ColumnKind.Integer),
        new("aligned_utc", ColumnKind.Text, NotNull: true),
        new("captions_name", ColumnKind.Text), // where the captions came from (path or "--text"), schema 3
        new("captions_text", ColumnKind.Text), // the caption file's decoded text, so exports re-time its cues as written (schema 3)
        new("timeline_offset", ColumnKind.Real), // seconds added to the stored audio times on output: audio stream start + timecode base (schema 4)
    ], [new("ix_media_run_id", false, ["run_id"])]);

    public static readonly StoreTable Segments = new("segments",
    [
        new("id", ColumnKind.Key),
        new("run_id", ColumnKind.Integer),
        new("media_id", ColumnKind.Text, NotNull: true),
        new("caption_index", ColumnKind.Integer),
        new("text", ColumnKind.Text, NotNull: true),
        new("normalized_text", ColumnKind.Text, NotNull: true),
        new("start", ColumnKind.Real),
        new("end", ColumnKind.Real),
        new("rho", ColumnKind.Real), // NULL for a line that was never placed (rho -infinity)
        new("status", ColumnKind.Text, NotNull: true),
        new("caption_wer", ColumnKind.Real),
        new("hint_start", ColumnKind.Real),
        new("hint_end", ColumnKind.Real),
        new("rerank_note", ColumnKind.Text),
        new("status_reason", ColumnKind.Text), // why the line is low confidence or not aligned (schema 2)
        new("p_correct", ColumnKind.Real), // calibrated P(start and end within 0.5 s); NULL without calibration (schema 4)
    ], [new("ix_segments_media_index", true, ["media_id", "caption_index"])]);

    public static readonly StoreTable Words = new("words",
    [
        new("id", ColumnKind.Key),
        new("segment_id", ColumnKind.Integer),
        new("word_index", ColumnKind.Integer),
        new("text", ColumnKind.Text, NotNull: true),
        new("start", ColumnKind.Real),
        new("end", ColumnKind.Real),
        new("score", ColumnKind.Real),
        new("parts", ColumnKind.Text), // a compound's spoken parts as JSON [{"word","start","end"}]; null for other words (schema 3)
    ], [new("ix_words_segment", false, ["segment_id", "word_index"])]);

    /// <summary>Every table, in creation order.</summary>
    public static IReadOnlyList<StoreTable> Tables { get; } = [Runs, Media, Segments, Words];

    /// <summary>A quoted SQL identifier (the same in SQLite and PostgreSQL).</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>The CREATE TABLE and CREATE INDEX statements of every table, with the backend's column types.</summary>
    public static IEnumerable<string> CreateStatements(Func<StoreColumn, string> columnType)
    {
        foreach (var table in Tables)
        {
            var columns = table.Columns.Select(c => $"{Quote(c.Name)} {columnType(c)}"
                + (c.PrimaryKey && c.Kind != ColumnKind.Key ? " PRIMARY KEY" : "") + (c.NotNull && c.Kind != ColumnKind.Key ? " NOT NULL" : ""));
            yield return $"CREATE TABLE {Quote(table.Name)} ({string.Join(", ", columns)})";
            foreach (var index in table.Indexes)
                yield return CreateIndex(table, index);
        }
    }

    /// <summary>CREATE INDEX IF NOT EXISTS for one index.</summary>
    public static string CreateIndex(StoreTable table, StoreIndex index) =>
        $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX IF NOT EXISTS {Quote(index.Name)} ON {Quote(table.Name)} ({string.Join(", ", index.Columns.Select(Quote))})";

    /// <summary>ALTER TABLE ... ADD COLUMN for a column missing from an older store (NOT NULL columns get an empty default).</summary>
    public static string AddColumn(StoreTable table, StoreColumn column, Func<StoreColumn, string> columnType) =>
        $"ALTER TABLE {Quote(table.Name)} ADD COLUMN {Quote(column.Name)} {columnType(column)}"
        + (column.NotNull ? column.Kind == ColumnKind.Text ? " NOT NULL DEFAULT ''" : " NOT NULL DEFAULT 0" : "");
}
