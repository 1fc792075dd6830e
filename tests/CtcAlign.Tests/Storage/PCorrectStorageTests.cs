using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Storage;
using SQLite;

namespace CtcAlign.Tests.Storage;

/// <summary>p_correct through SQLite (segments.p_correct, added in place to schema-3 databases) and JSON.</summary>
public sealed class PCorrectStorageTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MediaAlignment Media() => new("m", "/media/m.wav", 10,
    [
        new AlignedSegment(0, "Hello there.", "hello there", 1, 2, -0.5, SegmentStatus.Aligned, [new AlignedWord("Hello", 1, 1.4, 0.9), new AlignedWord("there.", 1.5, 2, 0.8)])
            { PCorrect = 0.9731 },
        new AlignedSegment(1, "Slowly.", "slowly", 3, 6, -2.5, SegmentStatus.LowConfidence, [new AlignedWord("Slowly.", 3, 6, 0.2)])
            { PCorrect = 0.41, StatusReason = "p_correct 0.41 below --min-p 0.85" },
        new AlignedSegment(2, "Never said.", "never said", null, null, double.NegativeInfinity, SegmentStatus.NotAligned, [])
            { StatusReason = "not placed" },
    ]);

    [Fact]
    public void Sqlite_stores_p_correct_and_null_for_lines_without()
    {
        var path = _dir.File("a.db");
        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media(), "h");
        using (var db = new SQLiteConnection(path))
            Assert.Equal([0.9731, 0.41, null], db.QueryScalars<double?>("SELECT p_correct FROM segments ORDER BY caption_index"));
        using var reopened = SegmentStore.Open(path, readOnly: true);
        Assert.Equal([0.9731, 0.41, null], reopened.LoadAlignment("m")!.Segments.Select(s => s.PCorrect));
    }

    [Fact]
    public void A_schema_3_database_without_p_correct_opens_gains_the_column_and_keeps_its_rows()
    {
        var path = _dir.File("old.db");
        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media() with { Id = "old" }, "h");
        using (var db = new SQLiteConnection(path))
        {
            db.Execute("ALTER TABLE segments DROP COLUMN p_correct");
            db.Execute("PRAGMA user_version = 3"); // what a schema 3 database (before p_correct) looks like
        }

        using (var readOnly = SegmentStore.Open(path, readOnly: true)) // read-only: nothing changes, the lines read without p_correct
            Assert.All(readOnly.LoadAlignment("old")!.Segments, s => Assert.Null(s.PCorrect));
        using (var db = new SQLiteConnection(path))
            Assert.DoesNotContain(db.GetTableInfo("segments"), c => c.Name == "p_correct");

        using (var store = SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Media(), "h");
        using (var again = SegmentStore.Open(path)) // a second open finds the column there: nothing to do
            Assert.Equal(0.41, again.LoadAlignment("m")!.Segments[1].PCorrect);
        using var raw = new SQLiteConnection(path);
        Assert.Equal(3, raw.ExecuteScalar<int>("SELECT count(*) FROM segments WHERE media_id = 'old'"));
        Assert.Single(raw.GetTableInfo("segments"), c => c.Name == "p_correct");
        Assert.Equal(SegmentStore.SchemaVersion, raw.ExecuteScalar<int>("PRAGMA user_version"));
    }

    [Fact]
    public void Json_writes_p_correct_after_the_confidence_null_for_unplaced_lines_and_reads_it_back()
    {
        var path = _dir.File("a.json");
        AlignmentFileWriter.Write(AlignmentFormat.Json, path, [Media()], keepUnaligned: false);
        using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)))
        {
            var segments = doc.RootElement.GetProperty("media")[0].GetProperty("segments");
            Assert.Equal(["index", "text", "start", "end", "confidence", "p_correct", "status", "reason", "words"], segments[1].EnumerateObject().Select(p => p.Name));
            Assert.Equal(0.9731, segments[0].GetProperty("p_correct").GetDouble());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, segments[2].GetProperty("p_correct").ValueKind);
        }
        var read = Assert.Single(AlignmentJsonReader.Read(path));
        Assert.Equal([0.9731, 0.41, null], read.Segments.Select(s => s.PCorrect));
    }

    [Fact]
    public void Json_without_calibration_has_no_p_correct_and_evidence_only_when_kept()
    {
        var path = _dir.File("b.json");
        var evidence = LineEvidence.FeatureNames.Select((_, i) => i * 0.5).ToArray();
        var media = Media() with { Segments = [.. Media().Segments.Select(s => s with { PCorrect = null })] };
        media = media with { Segments = [media.Segments[0] with { Evidence = evidence }, .. media.Segments.Skip(1)] };
        AlignmentFileWriter.Write(AlignmentFormat.Json, path, [media], keepUnaligned: false);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var segments = doc.RootElement.GetProperty("media")[0].GetProperty("segments");
        Assert.All(segments.EnumerateArray(), s => Assert.False(s.TryGetProperty("p_correct", out _)));
        var written = segments[0].GetProperty("evidence");
        Assert.Equal(LineEvidence.FeatureNames, written.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.5, written.GetProperty(LineEvidence.FeatureNames[3]).GetDouble());
        Assert.False(segments[1].TryGetProperty("evidence", out _));
    }
}
