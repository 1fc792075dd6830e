using System.Diagnostics;
using System.Globalization;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Storage;

namespace CtcAlign.Bench;

/// <summary>
/// `storage [MEDIA [LINES]]`: stores MEDIA synthetic hour-long alignments of LINES lines (8 words each) with
/// <see cref="SegmentStore.SaveMedia"/> (one transaction each), then loads them back and writes SRT and JSON.
/// </summary>
public static class StorageBenchmark
{
    public static int Run(string[] args)
    {
        var mediaCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var lines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 900;
        var dir = Path.Combine(Path.GetTempPath(), "ctcalign-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var db = Path.Combine(dir, "bench.db");
            var media = Enumerable.Range(0, mediaCount).Select(i => Synthetic($"m{i:D3}", lines)).ToList();
            using var store = SegmentStore.Open(db);
            var run = store.GetOrAddRun("bench", "{}", "bench");

            var sw = Stopwatch.StartNew();
            foreach (var m in media)
                store.SaveMedia(run, m, "sha256:0");
            var save = sw.Elapsed.TotalSeconds;

            sw.Restart();
            var loaded = store.LoadAlignments();
            var load = sw.Elapsed.TotalSeconds;

            sw.Restart();
            foreach (var m in loaded)
                SubtitleWriter.WriteSrt(TextWriter.Null, m, SubtitleOptions.Default);
            AlignmentJsonWriter.Write(Stream.Null, loaded);
            var write = sw.Elapsed.TotalSeconds;

            var words = mediaCount * lines * 8;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage: {mediaCount} media x {lines} lines x 8 words ({words} words); database {new FileInfo(db).Length / 1e6:0.0} MB (+ WAL)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  save: {save:0.00} s ({save / mediaCount * 1000:0} ms per media, {words / save:0} words/s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  load: {load:0.00} s ({load / mediaCount * 1000:0} ms per media)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  write srt + json: {write:0.00} s"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static MediaAlignment Synthetic(string id, int lines)
    {
        var step = 3600.0 / lines;
        var segments = Enumerable.Range(0, lines).Select(i =>
        {
            var start = i * step;
            var words = Enumerable.Range(0, 8).Select(w => new AlignedWord($"word{w}", start + w * step / 8, start + (w + 1) * step / 8, 0.9)).ToList();
            return new AlignedSegment(i, string.Join(' ', words.Select(w => w.Word)), string.Join(' ', words.Select(w => w.Word)),
                start, start + step, -0.5, SegmentStatus.Aligned, words);
        }).ToList();
        return new MediaAlignment(id, $"/media/{id}.wav", 3600, segments);
    }
}
