using System.Globalization;
using System.Text.Json;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using SQLite;

namespace CtcAlign.Storage;

/// <summary>
/// The SQLite store of alignments (WAL mode): media, runs, segments and words. Each media file is written in
/// one transaction that replaces whatever was stored for it, so an interrupted run never leaves half a file.
/// One writer at a time (calls are serialised); the schema version lives in <c>PRAGMA user_version</c> and a
/// database from a newer schema is refused before anything is changed. Every SQLite failure surfaces as a
/// one-line <see cref="StorageException"/> naming the file.
/// </summary>
public sealed class SegmentStore : IDisposable
{
    /// <summary>The schema this build writes and reads.</summary>
    public const int SchemaVersion = 3;

    private readonly SQLiteConnection _db;
    private readonly object _gate = new();

    private SegmentStore(string path, SQLiteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>The database file, as given.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (and, unless <paramref name="readOnly"/>, creates) the database at <paramref name="path"/>.
    /// Read-only opening needs an existing CtcAlign database.
    /// </summary>
    public static SegmentStore Open(string path, bool readOnly = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
            throw new StorageException($"{path}: is a folder, not a database file");
        if (readOnly && !File.Exists(full))
            throw new StorageException($"{path}: no database there (align something into it first)");
        if (!readOnly && !Directory.Exists(dir))
            throw new StorageException($"{path}: cannot create the database: folder {dir} does not exist");
        if (!readOnly && File.Exists(full) && new FileInfo(full).IsReadOnly)
            throw new StorageException($"{path}: the database file is read-only");

        SQLiteConnection? db = null;
        try
        {
            if (readOnly)
            {
                db = OpenReadOnly(full);
            }
            else
            {
                db = new SQLiteConnection(new SQLiteConnectionString(full, SQLiteOpenFlags.ReadWrite | SQLiteOpenFlags.Create | SQLiteOpenFlags.FullMutex,
                    storeDateTimeAsTicks: true));
                db.BusyTimeout = TimeSpan.FromSeconds(10);
            }
            var version = db.ExecuteScalar<int>("PRAGMA user_version");
            if (version > SchemaVersion)
                throw new StorageException(
                    $"{path}: database schema {version} is newer than this ctcalign supports ({SchemaVersion}); use a newer ctcalign or another --db (nothing was changed)");
            var tables = db.ExecuteScalar<int>("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
            if (version == 0 && (tables > 0 || readOnly))
                throw new StorageException($"{path}: not a CtcAlign database (no schema version; nothing was changed)");
            if (!readOnly)
            {
                db.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
                if (version == 0)
                    CreateSchema(db);
                else if (version < SchemaVersion)
                    Migrate(db, version);
            }
            return new SegmentStore(path, db);
        }
        catch (StorageException)
        {
            db?.Dispose();
            throw;
        }
        catch (SQLiteException ex)
        {
            db?.Dispose();
            throw new StorageException($"{path}: {Describe(ex)}", ex);
        }
    }

    private const SQLiteOpenFlags UriFileName = (SQLiteOpenFlags)0x40; // SQLITE_OPEN_URI

    /// <summary>
    /// Opens for reading only (<c>mode=ro</c>: SQLite writes nothing to the database). A WAL database also needs its
    /// -shm file, which a user who may only read the file or its folder cannot create or write; then the file is
    /// opened <c>immutable=1</c> (no -shm, no locks: what it holds now, with a writer's uncheckpointed pages unseen).
    /// </summary>
    private static SQLiteConnection OpenReadOnly(string full)
    {
        var uri = new Uri(full).AbsoluteUri;
        var db = new SQLiteConnection(new SQLiteConnectionString(uri + "?mode=ro", SQLiteOpenFlags.ReadOnly | UriFileName | SQLiteOpenFlags.FullMutex,
            storeDateTimeAsTicks: true));
        try
        {
            db.BusyTimeout = TimeSpan.FromSeconds(10);
            db.ExecuteScalar<int>("SELECT count(*) FROM sqlite_master");
            return db;
        }
        catch (SQLiteException ex) when (ex.Result is SQLite3.Result.ReadOnly or SQLite3.Result.CannotOpen or SQLite3.Result.IOError)
        {
            db.Dispose();
        }
        return new SQLiteConnection(new SQLiteConnectionString(uri + "?mode=ro&immutable=1", SQLiteOpenFlags.ReadOnly | UriFileName | SQLiteOpenFlags.FullMutex,
            storeDateTimeAsTicks: true));
    }

    private static void CreateSchema(SQLiteConnection db) =>
        db.RunInTransaction(() =>
        {
            db.CreateTable<RunRow>();
            db.CreateTable<MediaRow>();
            db.CreateTable<SegmentRow>();
            db.CreateTable<WordRow>();
            db.Execute($"PRAGMA user_version = {SchemaVersion}");
        });

    /// <summary>
    /// Brings an older schema up to <see cref="SchemaVersion"/> in one transaction: 1 -> 2 added segments.status_reason; 3 added
    /// words.parts (spoken parts of a written word) and media.captions_name, media.captions_text (the caption file as written).
    /// Every step only adds a column when it is missing, so any older database reaches the current schema.
    /// </summary>
    private static void Migrate(SQLiteConnection db, int version) =>
        db.RunInTransaction(() =>
        {
            AddColumnIfMissing(db, "segments", "status_reason");
            AddColumnIfMissing(db, "words", "parts");
            AddColumnIfMissing(db, "media", "captions_name");
            AddColumnIfMissing(db, "media", "captions_text");
            db.Execute($"PRAGMA user_version = {SchemaVersion}");
        });

    private static void AddColumnIfMissing(SQLiteConnection db, string table, string column)
    {
        if (!db.GetTableInfo(table).Any(c => c.Name == column))
            db.Execute($"ALTER TABLE {table} ADD COLUMN {column} varchar");
    }

    /// <summary>The id of the run with this model, parameters and tool version, created when new.</summary>
    public int GetOrAddRun(string model, string parametersJson, string toolVersion) => Guard(() =>
    {
        lock (_gate)
        {
            var existing = _db.Table<RunRow>()
                .Where(r => r.Model == model && r.ParametersJson == parametersJson && r.ToolVersion == toolVersion)
                .FirstOrDefault();
            if (existing is not null)
                return existing.Id;
            var row = new RunRow { Model = model, ParametersJson = parametersJson, ToolVersion = toolVersion, StartedUtc = Now() };
            _db.Insert(row);
            return row.Id;
        }
    });

    /// <summary>
    /// True when this media id is stored from the same content, model, parameters and tool version (a rerun may
    /// skip it). <paramref name="toolVersion"/> null: any version. <paramref name="captionsText"/>: the caption file's
    /// text as aligned now; when given, edited captions are not done either. Null: any captions.
    /// </summary>
    public bool IsDone(string mediaId, string contentHash, string model, string parametersJson, string? toolVersion = null,
        string? captionsText = null) => Guard(() =>
    {
        lock (_gate)
        {
            return _db.ExecuteScalar<int>(
                "SELECT count(*) FROM media m JOIN runs r ON r.id = m.run_id WHERE m.id = ? AND m.content_hash = ? AND r.model = ? AND r.parameters = ?"
                + " AND (? IS NULL OR r.tool_version = ?) AND (? IS NULL OR m.captions_text = ?)",
                mediaId, contentHash, model, parametersJson, toolVersion, toolVersion, captionsText, captionsText) > 0;
        }
    });

    /// <summary>
    /// Stores one media file's alignment in one transaction, replacing what was stored for its id before: either
    /// all of it is stored or (on any failure) nothing changes.
    /// </summary>
    public void SaveMedia(int runId, MediaAlignment alignment, string contentHash) => Guard(() =>
    {
        lock (_gate)
        {
            _db.RunInTransaction(() =>
            {
                _db.Execute("DELETE FROM words WHERE segment_id IN (SELECT id FROM segments WHERE media_id = ?)", alignment.Id);
                _db.Execute("DELETE FROM segments WHERE media_id = ?", alignment.Id);
                _db.InsertOrReplace(new MediaRow
                {
                    Id = alignment.Id, Path = alignment.AudioPath, ContentHash = contentHash,
                    DurationSeconds = alignment.DurationSeconds, RunId = runId, AlignedUtc = Now(),
                    CaptionsName = alignment.CaptionsName, CaptionsText = alignment.CaptionsText,
                });
                foreach (var s in alignment.Segments)
                {
                    var row = new SegmentRow
                    {
                        RunId = runId, MediaId = alignment.Id, CaptionIndex = s.Index, Text = s.Text,
                        NormalizedText = s.NormalizedText, Start = s.Start, End = s.End, Rho = double.IsFinite(s.Rho) ? s.Rho : null,
                        Status = StatusNames.ToName(s.Status), CaptionWer = s.CaptionWer,
                        HintStart = s.HintStart, HintEnd = s.HintEnd, RerankNote = s.RerankNote, StatusReason = s.StatusReason,
                    };
                    _db.Insert(row);
                    _db.InsertAll(s.Words.Select((w, i) => new WordRow
                    {
                        SegmentId = row.Id, WordIndex = i, Text = w.Word, Start = w.Start, End = w.End, Score = w.Confidence,
                        Parts = w.Parts is { Count: > 1 } parts ? JsonSerializer.Serialize(parts.Select(p => new StoredPart(p.Word, p.Start, p.End))) : null,
                    }), runInTransaction: false);
                }
            });
        }
    });

    /// <summary>Stored media in id order (one id, or all when <paramref name="mediaId"/> is null).</summary>
    public IReadOnlyList<StoredMedia> ListMedia(string? mediaId = null) => Guard(() =>
    {
        lock (_gate)
        {
            var sql = "SELECT m.id AS Id, m.path AS Path, m.content_hash AS ContentHash, m.duration AS DurationSeconds, m.run_id AS RunId, "
                + "r.model AS Model, r.parameters AS ParametersJson, r.tool_version AS ToolVersion, m.aligned_utc AS AlignedUtc "
                + "FROM media m LEFT JOIN runs r ON r.id = m.run_id" + (mediaId is null ? "" : " WHERE m.id = ?") + " ORDER BY m.id";
            return (IReadOnlyList<StoredMedia>)_db.Query<StoredMediaRow>(sql, mediaId is null ? [] : [mediaId])
                .Select(r => new StoredMedia(r.Id, r.Path, r.ContentHash, r.DurationSeconds, r.RunId, r.Model ?? "",
                    r.ParametersJson ?? "", r.ToolVersion ?? "", r.AlignedUtc))
                .ToList();
        }
    });

    /// <summary>The stored alignment of one media id, or null when it is not stored.</summary>
    public MediaAlignment? LoadAlignment(string mediaId) => Guard(() =>
    {
        lock (_gate)
        {
            var media = _db.Find<MediaRow>(mediaId);
            if (media is null)
                return null;
            var words = _db.Query<WordRow>(
                    "SELECT w.* FROM words w JOIN segments s ON s.id = w.segment_id WHERE s.media_id = ? ORDER BY w.segment_id, w.word_index", mediaId)
                .ToLookup(w => w.SegmentId);
            var segments = _db.Query<SegmentRow>("SELECT * FROM segments WHERE media_id = ? ORDER BY caption_index", mediaId)
                .Select(s => ToSegment(s, words[s.Id]))
                .ToList();
            return new MediaAlignment(media.Id, media.Path, media.DurationSeconds, segments)
            {
                CaptionsName = media.CaptionsName, CaptionsText = media.CaptionsText,
            };
        }
    });

    /// <summary>Stored alignments in media id order (one id, or all).</summary>
    public IReadOnlyList<MediaAlignment> LoadAlignments(string? mediaId = null) =>
        ListMedia(mediaId).Select(m => LoadAlignment(m.Id)!).ToList();

    /// <summary>Row counts of the four tables (media, runs, segments, words).</summary>
    public (int Media, int Runs, int Segments, int Words) Count() => Guard(() =>
    {
        lock (_gate)
        {
            return (_db.Table<MediaRow>().Count(), _db.Table<RunRow>().Count(), _db.Table<SegmentRow>().Count(), _db.Table<WordRow>().Count());
        }
    });

    public void Dispose()
    {
        lock (_gate)
            _db.Dispose();
    }

    private static AlignedSegment ToSegment(SegmentRow s, IEnumerable<WordRow> words)
    {
        StatusNames.TryParse(s.Status, out var status);
        return new AlignedSegment(s.CaptionIndex, s.Text, s.NormalizedText, s.Start, s.End, s.Rho ?? double.NegativeInfinity, status,
            words.Select(w => new AlignedWord(w.Text, w.Start, w.End, w.Score, ReadParts(w.Parts))).ToList())
        {
            CaptionWer = s.CaptionWer, HintStart = s.HintStart, HintEnd = s.HintEnd, RerankNote = s.RerankNote,
            StatusReason = s.StatusReason,
        };
    }

    private sealed record StoredPart(string Word, double Start, double End);

    private static List<AlignedWordPart>? ReadParts(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<List<StoredPart>>(json)?.Select(p => new AlignedWordPart(p.Word, p.Start, p.End)).ToList();

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SQLiteException ex)
        {
            throw new StorageException($"{Path}: {Describe(ex)}", ex);
        }
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return 0;
    });

    private static string Describe(SQLiteException ex) => ex.Result switch
    {
        SQLite3.Result.NonDBFile or SQLite3.Result.Corrupt => $"not a database or corrupt ({ex.Message})",
        SQLite3.Result.ReadOnly => $"the database is read-only ({ex.Message})",
        SQLite3.Result.CannotOpen => $"cannot open the database ({ex.Message})",
        SQLite3.Result.Busy or SQLite3.Result.Locked => $"the database is in use by another process ({ex.Message})",
        SQLite3.Result.Full => $"disk full ({ex.Message})",
        _ => ex.Message,
    };

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
