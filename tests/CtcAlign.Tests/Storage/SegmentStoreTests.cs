using CtcAlign.Alignment;
using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Storage;

/// <summary>What only the SQLite backend has (files, WAL, PRAGMA user_version); the shared behaviour is in <see cref="StoreBehaviourTests"/>.</summary>
public class SegmentStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("test.db");

    [Fact]
    public void Database_is_in_wal_mode_with_the_schema_version()
    {
        using (SegmentStore.Open(DbPath)) { }
        using var db = new SQLiteConnection(DbPath);
        Assert.Equal("wal", db.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(SegmentStore.SchemaVersion, db.ExecuteScalar<int>("PRAGMA user_version"));
    }

    [Fact]
    public void A_newer_schema_is_refused_and_the_file_is_left_untouched()
    {
        using (var db = new SQLiteConnection(DbPath))
        {
            db.Execute("CREATE TABLE future (x INTEGER)");
            db.Execute("PRAGMA user_version = 7");
        }
        var bytes = File.ReadAllBytes(DbPath);
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open(DbPath));
        Assert.Equal($"{DbPath}: database schema 7 is newer than this ctcalign supports ({SegmentStore.SchemaVersion}); use a newer ctcalign or another --db (nothing was changed)", ex.Message);
        Assert.Equal(bytes, File.ReadAllBytes(DbPath));
        Assert.False(File.Exists(DbPath + "-wal"));
    }

    [Fact]
    public void Another_programs_database_is_refused()
    {
        using (var db = new SQLiteConnection(DbPath))
            db.Execute("CREATE TABLE other (x INTEGER)");
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open(DbPath));
        Assert.Equal($"{DbPath}: not a CtcAlign database (no schema version; nothing was changed)", ex.Message);
    }

    [Fact]
    public void A_corrupt_file_is_a_one_line_storage_error()
    {
        File.WriteAllText(DbPath, "this is not a database, just some text that is long enough to have a header........");
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open(DbPath));
        Assert.StartsWith($"{DbPath}: not a database or corrupt (", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Unwritable_locations_are_one_line_storage_errors()
    {
        var parentIsFile = Path.Combine(_dir.Write("plain.txt", "x"), "test.db");
        Assert.Equal($"{parentIsFile}: cannot create the database: folder {Path.GetDirectoryName(parentIsFile)} does not exist",
            Assert.Throws<StorageException>(() => SegmentStore.Open(parentIsFile)).Message);
        Assert.Equal($"{_dir.Path}: is a folder, not a database file", Assert.Throws<StorageException>(() => SegmentStore.Open(_dir.Path)).Message);
        Assert.Equal($"{DbPath}: no database there (align something into it first)",
            Assert.Throws<StorageException>(() => SegmentStore.Open(DbPath, readOnly: true)).Message);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void A_read_only_database_file_is_refused_before_writing()
    {
        using (var store = SegmentStore.Open(DbPath))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), SampleAlignments.Episode(), "h");
        File.SetAttributes(DbPath, FileAttributes.ReadOnly);
        try
        {
            Assert.Equal($"{DbPath}: the database file is read-only", Assert.Throws<StorageException>(() => SegmentStore.Open(DbPath)).Message);
            using var reader = SegmentStore.Open(DbPath, readOnly: true);
            Assert.Equal(4, reader.LoadAlignment(SampleAlignments.Episode().Id)!.Segments.Count);
        }
        finally
        {
            File.SetAttributes(DbPath, FileAttributes.Normal);
        }
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_bytes()
    {
        var path = _dir.Write("a.bin", "abc");
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Compute(path));
    }
}
