using System.Globalization;
using System.Text.Json;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Storage;

/// <summary>
/// The store of alignments: media, runs, segments and words (<see cref="StoreSchema"/>), in a SQLite file
/// (<see cref="SqliteSegmentStore"/>, the default) or a PostgreSQL database shared by a cluster
/// (<see cref="PostgresSegmentStore"/>); <see cref="Open"/> picks the backend from what <c>--db</c> says. Each media
/// file is written in one transaction that replaces whatever was stored for it, so an interrupted run never leaves
/// half a file. Calls on one store are serialised; a store from a newer schema is refused before anything is
/// changed. Every backend failure surfaces as a one-line <see cref="StorageException"/> naming the database.
/// The SQL below is shared by both backends (placeholders are <c>?</c>); they differ only in how they connect,
/// create and migrate the schema, and run a statement.
/// </summary>
public abstract class SegmentStore : IDisposable
{
    /// <summary>The schema this build writes and reads.</summary>
    public const int SchemaVersion = StoreSchema.Version;

    private readonly object _gate = new();

    protected SegmentStore(string path) => Path = path;

    /// <summary>The database as given (a PostgreSQL connection string without its password).</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (and, unless <paramref name="readOnly"/>, creates or migrates) the store <paramref name="database"/>: a
    /// PostgreSQL connection string (<c>postgres://user@host/db</c> or <c>Host=...;Database=...</c>) or else a SQLite file path.
    /// Read-only opening needs an existing CtcAlign store.
    /// </summary>
    public static SegmentStore Open(string database, bool readOnly = false) =>
        PostgresConnectionString.IsPostgres(database)
            ? PostgresSegmentStore.Open(database, readOnly)
            : SqliteSegmentStore.Open(database, readOnly);

    /// <summary>True when <paramref name="database"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string database) => PostgresConnectionString.IsPostgres(database);

    // The backend's primitives: run a statement, insert a row returning its key, query rows, run a transaction.
    protected abstract int Execute(string sql, params object?[] args);

    protected abstract long InsertReturningId(string sql, params object?[] args);

    protected abstract List<StoreRow> Query(string sql, params object?[] args);

    protected abstract void InTransaction(Action body);

    /// <summary>Within a transaction: holds off other writers of <paramref name="key"/> until it ends (SQLite has one writer anyway).</summary>
    protected virtual void LockForWrite(string key)
    {
    }

    /// <summary>SQL after <c>ORDER BY text-column</c> so both backends sort ids by code point ("C" order in PostgreSQL).</summary>
    protected virtual string BinaryOrder => "";

    /// <summary>The one-line reason of a backend failure, or null when <paramref name="ex"/> is not the backend's.</summary>
    protected abstract string? Describe(Exception ex);

    protected abstract void Close();

    /// <summary>The id of the run with this model, parameters and tool version, created when new.</summary>
    public int GetOrAddRun(string model, string parametersJson, string toolVersion) => Guard(() =>
    {
        int id = 0;
        InTransaction(() =>
        {
            LockForWrite("run");
            var existing = Query("SELECT \"id\" FROM \"runs\" WHERE \"model\" = ? AND \"parameters\" = ? AND \"tool_version\" = ? ORDER BY \"id\" LIMIT 1",
                model, parametersJson, toolVersion);
            id = existing.Count > 0
                ? (int)existing[0].Integer("id")
                : (int)InsertReturningId($"INSERT INTO \"runs\" ({StoreSchema.Runs.InsertColumnList}) VALUES (?, ?, ?, ?)",
                    model, parametersJson, toolVersion, Now());
        });
        return id;
    });

    /// <summary>
    /// True when this media id is stored from the same content, model, parameters and tool version (a rerun may
    /// skip it). <paramref name="toolVersion"/> null: any version. <paramref name="captionsText"/>: the caption file's
    /// text as aligned now; when given, edited captions are not done either. Null: any captions.
    /// </summary>
    public bool IsDone(string mediaId, string contentHash, string model, string parametersJson, string? toolVersion = null,
        string? captionsText = null) => Guard(() =>
    {
        var sql = "SELECT m.\"id\" FROM \"media\" m JOIN \"runs\" r ON r.\"id\" = m.\"run_id\" WHERE m.\"id\" = ? AND m.\"content_hash\" = ? AND r.\"model\" = ? AND r.\"parameters\" = ?";
        var args = new List<object?> { mediaId, contentHash, model, parametersJson };
        if (toolVersion is not null)
        {
            sql += " AND r.\"tool_version\" = ?";
            args.Add(toolVersion);
        }
        if (captionsText is not null)
        {
            sql += " AND m.\"captions_text\" = ?";
            args.Add(captionsText);
        }
        return Query(sql, [.. args]).Count > 0;
    });

    /// <summary>
    /// Stores one media file's alignment in one transaction, replacing what was stored for its id before: either
    /// all of it is stored or (on any failure) nothing changes.
    /// </summary>
    public void SaveMedia(int runId, MediaAlignment alignment, string contentHash) => Guard(() =>
    {
        InTransaction(() =>
        {
            LockForWrite("media:" + alignment.Id);
            Execute("DELETE FROM \"words\" WHERE \"segment_id\" IN (SELECT \"id\" FROM \"segments\" WHERE \"media_id\" = ?)", alignment.Id);
            Execute("DELETE FROM \"segments\" WHERE \"media_id\" = ?", alignment.Id);
            Execute("DELETE FROM \"media\" WHERE \"id\" = ?", alignment.Id);
            Execute($"INSERT INTO \"media\" ({StoreSchema.Media.InsertColumnList}) VALUES ({Placeholders(StoreSchema.Media.InsertColumns.Count)})",
                alignment.Id, alignment.AudioPath, contentHash, alignment.DurationSeconds, runId, Now(), alignment.CaptionsName, alignment.CaptionsText,
                alignment.TimelineOffsetSeconds == 0 ? null : alignment.TimelineOffsetSeconds);
            var insertSegment = $"INSERT INTO \"segments\" ({StoreSchema.Segments.InsertColumnList}) VALUES ({Placeholders(StoreSchema.Segments.InsertColumns.Count)})";
            foreach (var s in alignment.Segments)
            {
                var segmentId = InsertReturningId(insertSegment,
                    runId, alignment.Id, s.Index, s.Text, s.NormalizedText, s.Start, s.End, double.IsFinite(s.Rho) ? s.Rho : null,
                    StatusNames.ToName(s.Status), s.CaptionWer, s.HintStart, s.HintEnd, s.RerankNote, s.StatusReason, s.PCorrect);
                InsertMany(StoreSchema.Words, s.Words.Select((w, i) => new object?[]
                {
                    segmentId, i, w.Word, w.Start, w.End, w.Confidence,
                    w.Parts is { Count: > 1 } parts ? JsonSerializer.Serialize(parts.Select(p => new StoredPart(p.Word, p.Start, p.End))) : null,
                }).ToList());
            }
        });
        return 0;
    });

    /// <summary>Inserts rows (values in <see cref="StoreTable.InsertColumns"/> order) with multi-row INSERTs.</summary>
    private void InsertMany(StoreTable table, IReadOnlyList<object?[]> rows)
    {
        const int RowsPerStatement = 200;
        var width = table.InsertColumns.Count;
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var chunk = rows.Skip(start).Take(RowsPerStatement).ToList();
            var values = string.Join(", ", Enumerable.Repeat($"({Placeholders(width)})", chunk.Count));
            Execute($"INSERT INTO {StoreSchema.Quote(table.Name)} ({table.InsertColumnList}) VALUES {values}", chunk.SelectMany(r => r).ToArray());
        }
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Repeat("?", count));

    /// <summary>Stored media in id order (one id, or all when <paramref name="mediaId"/> is null).</summary>
    public IReadOnlyList<StoredMedia> ListMedia(string? mediaId = null) => Guard(() =>
    {
        var sql = "SELECT m.\"id\", m.\"path\", m.\"content_hash\", m.\"duration\", m.\"run_id\", r.\"model\", r.\"parameters\", r.\"tool_version\", m.\"aligned_utc\" "
            + "FROM \"media\" m LEFT JOIN \"runs\" r ON r.\"id\" = m.\"run_id\"" + (mediaId is null ? "" : " WHERE m.\"id\" = ?") + $" ORDER BY m.\"id\"{BinaryOrder}";
        return (IReadOnlyList<StoredMedia>)Query(sql, mediaId is null ? [] : [mediaId])
            .Select(r => new StoredMedia(r.Text("id"), r.Text("path"), r.Text("content_hash"), r.Real("duration"), (int)r.Integer("run_id"),
                r.Text("model"), r.Text("parameters"), r.Text("tool_version"), r.Text("aligned_utc")))
            .ToList();
    });

    /// <summary>The stored alignment of one media id, or null when it is not stored.</summary>
    public MediaAlignment? LoadAlignment(string mediaId) => Guard(() =>
    {
        MediaAlignment? result = null;
        InTransaction(() => // one consistent snapshot of the media and its rows
        {
            var media = Query("SELECT * FROM \"media\" WHERE \"id\" = ?", mediaId);
            if (media.Count == 0)
                return;
            var words = Query("SELECT w.* FROM \"words\" w JOIN \"segments\" s ON s.\"id\" = w.\"segment_id\" WHERE s.\"media_id\" = ? ORDER BY w.\"segment_id\", w.\"word_index\"", mediaId)
                .ToLookup(w => w.Integer("segment_id"));
            var segments = Query("SELECT * FROM \"segments\" WHERE \"media_id\" = ? ORDER BY \"caption_index\"", mediaId)
                .Select(s => ToSegment(s, words[s.Integer("id")]))
                .ToList();
            var m = media[0];
            result = new MediaAlignment(m.Text("id"), m.Text("path"), m.Real("duration"), segments)
            {
                CaptionsName = m.NullableText("captions_name"), CaptionsText = m.NullableText("captions_text"),
                TimelineOffsetSeconds = m.NullableReal("timeline_offset") ?? 0,
            };
        });
        return result;
    });

    /// <summary>Sets the output timeline offset of a stored media id (a rerun that skipped the file with other timeline options).</summary>
    public void SetTimelineOffset(string mediaId, double seconds) => Guard(() =>
    {
        InTransaction(() =>
        {
            LockForWrite("media:" + mediaId);
            Execute("UPDATE \"media\" SET \"timeline_offset\" = ? WHERE \"id\" = ?", seconds == 0 ? null : seconds, mediaId);
        });
        return true;
    });

    /// <summary>Stored alignments in media id order (one id, or all).</summary>
    public IReadOnlyList<MediaAlignment> LoadAlignments(string? mediaId = null) =>
        ListMedia(mediaId).Select(m => LoadAlignment(m.Id)!).ToList();

    /// <summary>Row counts of the four tables (media, runs, segments, words).</summary>
    public (int Media, int Runs, int Segments, int Words) Count() => Guard(() =>
    {
        int Rows(string table) => (int)Query($"SELECT count(*) AS n FROM {StoreSchema.Quote(table)}")[0].Integer("n");
        return (Rows("media"), Rows("runs"), Rows("segments"), Rows("words"));
    });

    /// <summary>Media stored, their audio seconds, and the audio seconds of those stored at or after <paramref name="sinceUtc"/>.</summary>
    public (int Media, double AudioSeconds, double AudioSecondsSince, string? FirstSinceUtc) Totals(DateTime sinceUtc) => Guard(() =>
    {
        var since = sinceUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var all = Query("SELECT count(*) AS n, sum(\"duration\") AS seconds FROM \"media\"")[0];
        var recent = Query("SELECT sum(\"duration\") AS seconds, min(\"aligned_utc\") AS first FROM \"media\" WHERE \"aligned_utc\" >= ?", since)[0];
        return ((int)all.Integer("n"), all.Real("seconds"), recent.Real("seconds"), recent.NullableText("first"));
    });

    public void Dispose()
    {
        lock (_gate)
            Close();
        GC.SuppressFinalize(this);
    }

    private static AlignedSegment ToSegment(StoreRow s, IEnumerable<StoreRow> words)
    {
        StatusNames.TryParse(s.Text("status"), out var status);
        return new AlignedSegment((int)s.Integer("caption_index"), s.Text("text"), s.Text("normalized_text"), s.NullableReal("start"), s.NullableReal("end"),
            s.NullableReal("rho") ?? double.NegativeInfinity, status,
            words.Select(w => new AlignedWord(w.Text("text"), w.Real("start"), w.Real("end"), w.Real("score"), ReadParts(w.NullableText("parts")))).ToList())
        {
            CaptionWer = s.NullableReal("caption_wer"), HintStart = s.NullableReal("hint_start"), HintEnd = s.NullableReal("hint_end"),
            RerankNote = s.NullableText("rerank_note"), StatusReason = s.NullableText("status_reason"),
            PCorrect = s.NullableReal("p_correct"),
        };
    }

    private sealed record StoredPart(string Word, double Start, double End);

    private static List<AlignedWordPart>? ReadParts(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<List<StoredPart>>(json)?.Select(p => new AlignedWordPart(p.Word, p.Start, p.End)).ToList();

    /// <summary>Runs <paramref name="action"/> under the store's lock, turning a backend failure into a <see cref="StorageException"/>.</summary>
    protected T Guard<T>(Func<T> action)
    {
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (ex is not StorageException && Describe(ex) is { } reason)
            {
                throw new StorageException($"{Path}: {reason}", ex);
            }
        }
    }

    protected static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
