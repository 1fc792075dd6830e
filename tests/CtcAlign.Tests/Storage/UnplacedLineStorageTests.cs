using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Storage;

/// <summary>Lines never placed (rho -infinity) and status reasons, through SQLite and JSON.</summary>
public sealed class UnplacedLineStorageTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MediaAlignment Media() => new("m", "/media/m.wav", 10,
    [
        new AlignedSegment(0, "Hello there.", "hello there", 1, 2, -0.5, SegmentStatus.Aligned, [new AlignedWord("Hello", 1, 1.4, 0.9), new AlignedWord("there.", 1.5, 2, 0.8)]),
        new AlignedSegment(1, "Slowly.", "slowly", 3, 6, -2.5, SegmentStatus.LowConfidence, [new AlignedWord("Slowly.", 3, 6, 0.2)])
            { StatusReason = "rho -2.50 below the threshold -2; slow speech: 2.3 characters/s inside the line", RerankNote = "unchanged (17 candidates)" },
        new AlignedSegment(2, "Never said.", "never said", null, null, double.NegativeInfinity, SegmentStatus.NotAligned, [])
            { StatusReason = "not placed: the audio ended before this text could be placed" },
    ]);

    [Fact]
    public void Sqlite_stores_null_rho_for_unplaced_lines_and_keeps_reasons()
    {
        var path = _dir.File("a.db");
        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media(), "h");

        using (var db = new SQLiteConnection(path))
            Assert.Equal([-0.5, -2.5, null], db.QueryScalars<double?>("SELECT rho FROM segments ORDER BY caption_index"));
        using var reopened = SegmentStore.Open(path, readOnly: true);
        var loaded = reopened.LoadAlignment("m")!;
        Assert.Equal(Media().Segments.Select(s => (s.Rho, s.StatusReason, s.RerankNote)), loaded.Segments.Select(s => (s.Rho, s.StatusReason, s.RerankNote)));
    }

    [Fact]
    public void A_schema_1_database_gains_the_reason_column_and_keeps_its_rows()
    {
        var path = _dir.File("old.db");
        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media() with { Id = "old" }, "h");
        using (var db = new SQLiteConnection(path))
        {
            db.Execute("ALTER TABLE segments DROP COLUMN status_reason");
            db.Execute("PRAGMA user_version = 1");
        }

        using (var readOnly = SegmentStore.Open(path, readOnly: true))
            Assert.All(readOnly.LoadAlignment("old")!.Segments, s => Assert.Null(s.StatusReason));
        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media(), "h");
        using var again = SegmentStore.Open(path, readOnly: true);
        Assert.Equal(3, again.LoadAlignment("old")!.Segments.Count);
        Assert.Equal("not placed: the audio ended before this text could be placed", again.LoadAlignment("m")!.Segments[2].StatusReason);
        using var raw = new SQLiteConnection(path);
        Assert.Equal(SegmentStore.SchemaVersion, raw.ExecuteScalar<int>("PRAGMA user_version"));
    }

    [Fact]
    public void Json_writes_null_confidence_for_unplaced_lines_with_the_reason_and_reads_it_back()
    {
        var path = _dir.File("a.json");
        AlignmentFileWriter.Write(AlignmentFormat.Json, path, [Media()], keepUnaligned: false);
        using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)))
        {
            var segments = doc.RootElement.GetProperty("media")[0].GetProperty("segments");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, segments[2].GetProperty("confidence").ValueKind);
            Assert.Equal("not placed: the audio ended before this text could be placed", segments[2].GetProperty("reason").GetString());
            Assert.False(segments[0].TryGetProperty("reason", out _));
            Assert.Equal(["index", "text", "start", "end", "confidence", "status", "reason", "rerank", "words"], segments[1].EnumerateObject().Select(p => p.Name));
        }
        var read = Assert.Single(AlignmentJsonReader.Read(path));
        Assert.Equal(Media().Segments.Select(s => (s.Rho, s.StatusReason, s.RerankNote)), read.Segments.Select(s => (s.Rho, s.StatusReason, s.RerankNote)));
    }
}
