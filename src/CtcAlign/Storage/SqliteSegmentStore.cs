using SQLite;

namespace CtcAlign.Storage;

/// <summary>
/// The SQLite backend of <see cref="SegmentStore"/> (WAL mode, one writer at a time): the default, a file on one
/// machine. The schema version lives in <c>PRAGMA user_version</c>.
/// </summary>
public sealed class SqliteSegmentStore : SegmentStore
{
    private readonly SQLiteConnection _db;

    private SqliteSegmentStore(string path, SQLiteConnection db) : base(path) => _db = db;

    /// <summary>
    /// Opens (and, unless <paramref name="readOnly"/>, creates) the database file at <paramref name="path"/>.
    /// Read-only opening needs an existing CtcAlign database.
    /// </summary>
    public static new SqliteSegmentStore Open(string path, bool readOnly = false)
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
            var store = new SqliteSegmentStore(path, db);
            if (!readOnly)
            {
                db.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
                if (version == 0)
                    store.CreateSchema();
                else if (version < SchemaVersion)
                    store.Migrate();
            }
            return store;
        }
        catch (StorageException)
        {
            db?.Dispose();
            throw;
        }
        catch (SQLiteException ex)
        {
            db?.Dispose();
            throw new StorageException($"{path}: {DescribeSqlite(ex)}", ex);
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

    /// <summary>The SQLite type of a schema column.</summary>
    internal static string ColumnType(StoreColumn column) => column.Kind switch
    {
        ColumnKind.Key => "integer PRIMARY KEY AUTOINCREMENT",
        ColumnKind.Text => "varchar",
        ColumnKind.Integer => "integer",
        _ => "float",
    };

    private void CreateSchema() =>
        _db.RunInTransaction(() =>
        {
            foreach (var statement in StoreSchema.CreateStatements(ColumnType))
                _db.Execute(statement);
            _db.Execute($"PRAGMA user_version = {SchemaVersion}");
        });

    /// <summary>
    /// Brings an older schema up to <see cref="SegmentStore.SchemaVersion"/> in one transaction: every column and index
    /// of <see cref="StoreSchema"/> that is missing is added, so any older database reaches the current schema.
    /// </summary>
    private void Migrate() =>
        _db.RunInTransaction(() =>
        {
            foreach (var table in StoreSchema.Tables)
            {
                var present = Query($"PRAGMA table_info({StoreSchema.Quote(table.Name)})").Select(r => r.Text("name")).ToHashSet();
                foreach (var column in table.Columns.Where(c => !present.Contains(c.Name)))
                    _db.Execute(StoreSchema.AddColumn(table, column, ColumnType));
                foreach (var index in table.Indexes)
                    _db.Execute(StoreSchema.CreateIndex(table, index));
            }
            _db.Execute($"PRAGMA user_version = {SchemaVersion}");
        });

    protected override int Execute(string sql, params object?[] args) => _db.Execute(sql, args);

    protected override long InsertReturningId(string sql, params object?[] args)
    {
        _db.Execute(sql, args);
        return SQLite3.LastInsertRowid(_db.Handle);
    }

    protected override List<StoreRow> Query(string sql, params object?[] args)
    {
        var stmt = SQLite3.Prepare2(_db.Handle, sql);
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                _ = args[i] switch
                {
                    null => SQLite3.BindNull(stmt, i + 1),
                    string s => SQLite3.BindText(stmt, i + 1, s, -1, new IntPtr(-1)), // SQLITE_TRANSIENT: SQLite copies the text
                    int n => SQLite3.BindInt64(stmt, i + 1, n),
                    long n => SQLite3.BindInt64(stmt, i + 1, n),
                    double d => SQLite3.BindDouble(stmt, i + 1, d),
                    var other => throw new ArgumentException($"cannot bind a {other.GetType().Name}"),
                };
            }
            var count = SQLite3.ColumnCount(stmt);
            var columns = new Dictionary<string, int>();
            for (var c = 0; c < count; c++)
                columns.TryAdd(SQLite3.ColumnName16(stmt, c), c);
            var rows = new List<StoreRow>();
            while (true)
            {
                var step = SQLite3.Step(stmt);
                if (step == SQLite3.Result.Done)
                    return rows;
                if (step != SQLite3.Result.Row)
                    throw SQLiteException.New(step, SQLite3.GetErrmsg(_db.Handle));
                var values = new object?[count];
                for (var c = 0; c < count; c++)
                {
                    values[c] = SQLite3.ColumnType(stmt, c) switch
                    {
                        SQLite3.ColType.Integer => SQLite3.ColumnInt64(stmt, c),
                        SQLite3.ColType.Float => SQLite3.ColumnDouble(stmt, c),
                        SQLite3.ColType.Null => null,
                        _ => SQLite3.ColumnString(stmt, c),
                    };
                }
                rows.Add(new StoreRow(columns, values));
            }
        }
        finally
        {
            SQLite3.Finalize(stmt);
        }
    }

    protected override void InTransaction(Action body)
    {
        if (_db.IsInTransaction)
            body();
        else
            _db.RunInTransaction(body);
    }

    protected override string? Describe(Exception ex) => ex is SQLiteException e ? DescribeSqlite(e) : null;

    protected override void Close() => _db.Dispose();

    private static string DescribeSqlite(SQLiteException ex) => ex.Result switch
    {
        SQLite3.Result.NonDBFile or SQLite3.Result.Corrupt => $"not a database or corrupt ({ex.Message})",
        SQLite3.Result.ReadOnly => $"the database is read-only ({ex.Message})",
        SQLite3.Result.CannotOpen => $"cannot open the database ({ex.Message})",
        SQLite3.Result.Busy or SQLite3.Result.Locked => $"the database is in use by another process ({ex.Message})",
        SQLite3.Result.Full => $"disk full ({ex.Message})",
        _ => ex.Message,
    };
}
