using CtcAlign.Storage;
using CtcAlign.Tests.Cluster;

namespace CtcAlign.Tests.Storage;

/// <summary>The shared storage behaviour on PostgreSQL (a throwaway server on loopback), plus what only PostgreSQL has.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreBehaviourTests(PostgresServer server) : StoreBehaviourTests
{
    protected override string NewDatabase() => server.CreateDatabase();

    protected override void ExecuteRaw(string database, string sql) => PostgresServer.Execute(database, sql);

    protected override void SetVersion(string database, int version) =>
        ExecuteRaw(database, $"CREATE TABLE IF NOT EXISTS ctcalign_schema (version integer NOT NULL); DELETE FROM ctcalign_schema; INSERT INTO ctcalign_schema VALUES ({version})");

    protected override string ColumnType(StoreColumn column) => PostgresSegmentStore.ColumnType(column);

    [Fact]
    public void A_newer_schema_is_refused_and_the_database_is_left_untouched()
    {
        var db = NewDatabase();
        SetVersion(db, 7);
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open(db));
        Assert.EndsWith($": database schema 7 is newer than this ctcalign supports ({SegmentStore.SchemaVersion}); use a newer ctcalign or another --db (nothing was changed)", ex.Message);
        Assert.Equal(0L, PostgresServer.Scalar(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'media'"));
    }

    [Fact]
    public void Urls_and_keyword_strings_name_the_same_database_and_passwords_are_not_shown()
    {
        var db = NewDatabase();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(db);
        var url = $"postgres://{builder.Username}:secret@{builder.Host}:{builder.Port}/{builder.Database}";
        using (var store = SegmentStore.Open(url))
        {
            Assert.DoesNotContain("secret", store.Path);
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), SampleAlignments.Episode(), "h");
        }
        using var again = SegmentStore.Open(db, readOnly: true);
        Assert.Single(again.ListMedia());
        Assert.Equal("postgres://u:***@h/db", PostgresConnectionString.Redact("postgres://u:pw@h/db"));
        Assert.Equal("Host=h;Password=***;Database=d", PostgresConnectionString.Redact("Host=h;Password=pw;Database=d"));
    }

    [Fact]
    public void An_unreachable_server_is_a_one_line_storage_error()
    {
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open("Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=3"));
        Assert.StartsWith("Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=3: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
