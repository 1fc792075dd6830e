using CtcAlign.Alignment;
using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Storage;

public class SegmentStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("test.db");

    [Fact]
    public void Saved_media_loads_back_field_for_field()
    {
        var media = SampleAlignments.Episode();
        using (var store = SegmentStore.Open(DbPath))
        {
            var run = store.GetOrAddRun("model.onnx", "{\"threshold\":-2}", "1.0");
            store.SaveMedia(run, media, "sha256:ab");
        }

        using var reopened = SegmentStore.Open(DbPath, readOnly: true);
        var loaded = reopened.LoadAlignment(media.Id)!;
        Assert.Equal((media.Id, media.AudioPath, media.DurationSeconds), (loaded.Id, loaded.AudioPath, loaded.DurationSeconds));
        Assert.Equal(media.Segments.Count, loaded.Segments.Count);
        for (var i = 0; i < media.Segments.Count; i++)
        {
            var (a, b) = (media.Segments[i], loaded.Segments[i]);
            Assert.Equal(a with { Words = [] }, b with { Words = [] });
            Assert.Equal(a.Words, b.Words);
        }
        var listed = Assert.Single(reopened.ListMedia());
        Assert.Equal(("model.onnx", "{\"threshold\":-2}", "1.0", "sha256:ab"), (listed.Model, listed.ParametersJson, listed.ToolVersion, listed.ContentHash));
        Assert.Null(reopened.LoadAlignment("nope"));
    }

    [Fact]
    public void Database_is_in_wal_mode_with_the_schema_version()
    {
        using (SegmentStore.Open(DbPath)) { }
        using var db = new SQLiteConnection(DbPath);
        Assert.Equal("wal", db.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(SegmentStore.SchemaVersion, db.ExecuteScalar<int>("PRAGMA user_version"));
    }

    [Fact]
    public void IsDone_needs_same_content_model_and_parameters()
    {
        using var store = SegmentStore.Open(DbPath);
        var run = store.GetOrAddRun("m", "p", "1.0");
        Assert.Equal(run, store.GetOrAddRun("m", "p", "1.0"));
        Assert.NotEqual(run, store.GetOrAddRun("m", "q", "1.0"));
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h1");
        Assert.True(store.IsDone("x", "h1", "m", "p"));
        Assert.False(store.IsDone("x", "h2", "m", "p"));
        Assert.False(store.IsDone("x", "h1", "m2", "p"));
        Assert.False(store.IsDone("x", "h1", "m", "q"));
        Assert.False(store.IsDone("y", "h1", "m", "p"));
    }

    [Fact]
    public void Saving_again_replaces_the_media_rows()
    {
        using var store = SegmentStore.Open(DbPath);
        var run = store.GetOrAddRun("m", "p", "1.0");
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h");
        store.SaveMedia(run, SampleAlignments.Episode("y"), "h");
        var shorter = SampleAlignments.Episode("x") with { Segments = SampleAlignments.Episode().Segments.Take(1).ToList() };
        store.SaveMedia(run, shorter, "h2");
        Assert.Equal((2, 1, 5, 4 + 4 + 8 + 1), store.Count());
        Assert.Single(store.LoadAlignment("x")!.Segments);
    }

    [Fact]
    public void A_failing_save_leaves_the_previous_rows_intact()
    {
        using var store = SegmentStore.Open(DbPath);
        var run = store.GetOrAddRun("m", "p", "1.0");
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h");
        var before = store.Count();
        var segments = SampleAlignments.Episode().Segments;
        var duplicateIndex = SampleAlignments.Episode("x") with { Segments = [segments[0], segments[1], segments[0]] };
        Assert.Throws<StorageException>(() => store.SaveMedia(run, duplicateIndex, "h3"));
        Assert.Equal(before, store.Count());
        Assert.Equal(4, store.LoadAlignment("x")!.Segments.Count);
        Assert.True(store.IsDone("x", "h", "m", "p"));
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
