using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Storage;

/// <summary>The shared storage behaviour on SQLite files.</summary>
public sealed class SqliteStoreBehaviourTests : StoreBehaviourTests, IDisposable
{
    private readonly TempFolder _dir = new();
    private int _databases;

    public void Dispose() => _dir.Dispose();

    protected override string NewDatabase() => _dir.File($"store{++_databases}.db");

    protected override void ExecuteRaw(string database, string sql)
    {
        using var db = new SQLiteConnection(database);
        db.Execute(sql);
    }

    protected override void SetVersion(string database, int version) => ExecuteRaw(database, $"PRAGMA user_version = {version}");

    protected override string ColumnType(StoreColumn column) => SqliteSegmentStore.ColumnType(column);
}
