using CtcAlign.Storage;

namespace CtcAlign.Tests.Storage;

/// <summary>
/// The storage behaviour every backend must have, run against SQLite (<see cref="SqliteStoreBehaviourTests"/>) and
/// PostgreSQL (<see cref="PostgresStoreBehaviourTests"/>): round trip, skip key, one transaction per media, migration.
/// </summary>
public abstract class StoreBehaviourTests
{
    /// <summary>A new, empty database (a path or connection string for <see cref="SegmentStore.Open"/>).</summary>
    protected abstract string NewDatabase();

    /// <summary>Runs raw SQL on the database, outside the store.</summary>
    protected abstract void ExecuteRaw(string database, string sql);

    /// <summary>Marks the raw database with a schema version as this backend records it.</summary>
    protected abstract void SetVersion(string database, int version);

    /// <summary>The backend's SQL type of a schema column.</summary>
    protected abstract string ColumnType(StoreColumn column);

    [Fact]
    public void Saved_media_loads_back_field_for_field_and_lists_in_code_point_order()
    {
        var db = NewDatabase();
        var media = SampleAlignments.Episode();
        using (var store = SegmentStore.Open(db))
        {
            var run = store.GetOrAddRun("model.onnx", "{\"threshold\":-2}", "1.0");
            store.SaveMedia(run, media, "sha256:ab");
            store.SaveMedia(run, SampleAlignments.Episode("Zebra"), "h");
            store.SaveMedia(run, SampleAlignments.Episode("apple"), "h");
        }

        using var reopened = SegmentStore.Open(db, readOnly: true);
        var loaded = reopened.LoadAlignment(media.Id)!;
        Assert.Equal((media.Id, media.AudioPath, media.DurationSeconds), (loaded.Id, loaded.AudioPath, loaded.DurationSeconds));
        Assert.Equal(media.Segments.Count, loaded.Segments.Count);
        for (var i = 0; i < media.Segments.Count; i++)
        {
            var (a, b) = (media.Segments[i], loaded.Segments[i]);
            Assert.Equal(a with { Words = [] }, b with { Words = [] });
            Assert.Equal(a.Words, b.Words);
        }
        Assert.Equal(["Zebra", "apple", "episode 1"], reopened.ListMedia().Select(m => m.Id)); // code point order on both backends
        var listed = Assert.Single(reopened.ListMedia(media.Id));
        Assert.Equal(("model.onnx", "{\"threshold\":-2}", "1.0", "sha256:ab"), (listed.Model, listed.ParametersJson, listed.ToolVersion, listed.ContentHash));
        Assert.Null(reopened.LoadAlignment("nope"));
    }

    [Fact]
    public void IsDone_needs_same_content_model_parameters_and_tool_version()
    {
        using var store = SegmentStore.Open(NewDatabase());
        var run = store.GetOrAddRun("m", "p", "1.0");
        Assert.Equal(run, store.GetOrAddRun("m", "p", "1.0"));
        Assert.NotEqual(run, store.GetOrAddRun("m", "q", "1.0"));
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h1");
        Assert.True(store.IsDone("x", "h1", "m", "p"));
        Assert.True(store.IsDone("x", "h1", "m", "p", "1.0"));
        Assert.False(store.IsDone("x", "h1", "m", "p", "2.0"));
        Assert.False(store.IsDone("x", "h2", "m", "p"));
        Assert.False(store.IsDone("x", "h1", "m2", "p"));
        Assert.False(store.IsDone("x", "h1", "m", "q"));
        Assert.False(store.IsDone("y", "h1", "m", "p"));
    }

    [Fact]
    public void Saving_again_replaces_the_media_rows()
    {
        using var store = SegmentStore.Open(NewDatabase());
        var run = store.GetOrAddRun("m", "p", "1.0");
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h");
        store.SaveMedia(run, SampleAlignments.Episode("y"), "h");
        var shorter = SampleAlignments.Episode("x") with { Segments = SampleAlignments.Episode().Segments.Take(1).ToList() };
        store.SaveMedia(run, shorter, "h2");
        Assert.Equal((2, 1, 5, 4 + 4 + 8 + 1), store.Count());
        Assert.Single(store.LoadAlignment("x")!.Segments);
        var (media, seconds, _, _) = store.Totals(DateTime.UtcNow.AddHours(-1));
        Assert.Equal((2, 25.0), (media, seconds));
    }

    [Fact]
    public void A_failing_save_leaves_the_previous_rows_intact()
    {
        using var store = SegmentStore.Open(NewDatabase());
        var run = store.GetOrAddRun("m", "p", "1.0");
        store.SaveMedia(run, SampleAlignments.Episode("x"), "h");
        var before = store.Count();
        var segments = SampleAlignments.Episode().Segments;
        var duplicateIndex = SampleAlignments.Episode("x") with { Segments = [segments[0], segments[1], segments[0]] };
        var ex = Assert.Throws<StorageException>(() => store.SaveMedia(run, duplicateIndex, "h3"));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(before, store.Count());
        Assert.Equal(4, store.LoadAlignment("x")!.Segments.Count);
        Assert.True(store.IsDone("x", "h", "m", "p"));
        store.SaveMedia(run, SampleAlignments.Episode("z"), "h"); // the store is usable after the rollback
        Assert.Equal(before.Media + 1, store.Count().Media);
    }

    [Fact]
    public void A_schema_2_store_is_migrated_to_the_current_schema_and_keeps_its_rows()
    {
        var db = NewDatabase();
        var schema3 = new HashSet<(string, string)> { ("words", "parts"), ("media", "captions_name"), ("media", "captions_text") };
        foreach (var table in StoreSchema.Tables)
        {
            var columns = table.Columns.Where(c => !schema3.Contains((table.Name, c.Name)))
                .Select(c => $"{StoreSchema.Quote(c.Name)} {ColumnType(c)}" + (c.PrimaryKey ? " PRIMARY KEY" : ""));
            ExecuteRaw(db, $"CREATE TABLE {StoreSchema.Quote(table.Name)} ({string.Join(", ", columns)})");
        }
        ExecuteRaw(db, "INSERT INTO runs (model, parameters, tool_version, started_utc) VALUES ('m', 'p', '0.9', '2025-01-01T00:00:00Z')");
        ExecuteRaw(db, "INSERT INTO media (id, path, content_hash, duration, run_id, aligned_utc) VALUES ('old', '/a.wav', 'h', 3.5, 1, '2025-01-01T00:00:00Z')");
        SetVersion(db, 2);

        using (var store = SegmentStore.Open(db))
        {
            Assert.Equal(3.5, store.LoadAlignment("old")!.DurationSeconds);
            Assert.Null(store.LoadAlignment("old")!.CaptionsText);
            store.SaveMedia(store.GetOrAddRun("m", "p", "1.0"), SampleAlignments.Episode() with { CaptionsName = "e.srt", CaptionsText = "1\n..." }, "h");
        }
        using var reopened = SegmentStore.Open(db, readOnly: true);
        Assert.Equal("1\n...", reopened.LoadAlignment(SampleAlignments.Episode().Id)!.CaptionsText);
        Assert.Equal(2, reopened.Count().Runs);
    }

    [Fact]
    public void Read_only_opening_of_an_empty_database_is_refused()
    {
        var ex = Assert.Throws<StorageException>(() => SegmentStore.Open(NewDatabase(), readOnly: true));
        Assert.DoesNotContain('\n', ex.Message);
    }
}
