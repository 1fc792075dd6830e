using System.Diagnostics;
using System.Globalization;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Storage;
using NAudio.Wave;
using Npgsql;

namespace CtcAlign.Bench;

/// <summary>
/// `cluster`: the cluster's scaling on a throwaway PostgreSQL server (tools/pg-temp-cluster.sh). Media are silent WAV
/// files with caption lines of 8 words; workers are `ctcalign worker` commands (each its own Hangfire server) in this
/// process, aligning with <see cref="StandInAligner"/> (a fixed cost per second of audio instead of the model).
/// Dispatch overhead: 1 worker, cost 0, per job. Scaling: 1, 2, 4, 8 workers, throughput and efficiency. Times run from
/// the first job a worker starts to the last media stored (submit is timed on its own, before the workers start).
/// </summary>
public static class ClusterBenchmark
{
    public const string Help = "submit -> Hangfire/PostgreSQL -> N workers with a stand-in model [--jobs 64] [--seconds 30] [--cost 0.02] [--workers 1,2,4,8]; "
        + "--real N: N copies of audio-samples/sample.wav with the default model instead";

    public static int Run(string[] args)
    {
        var jobs = (int)BenchArgs.Double(args, "--jobs", 64);
        var seconds = BenchArgs.Double(args, "--seconds", 30);
        var cost = BenchArgs.Double(args, "--cost", 0.02);
        var counts = (BenchArgs.String(args, "--workers") ?? "1,2,4,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var real = (int)BenchArgs.Double(args, "--real", 0);
        var script = FindScript();
        var started = RunScript(script, "start").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (folder, server) = (started[0].Trim(), started[1].Trim());
        var dir = Path.Combine(Path.GetTempPath(), "ctcalign-bench-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine(BenchArgs.Machine());
            if (real > 0)
                return RunReal(server, dir, script, real, BenchArgs.String(args, "--workers") is null ? [1, 2] : counts);
            var manifest = WriteMedia(dir, jobs, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{jobs} media of {seconds:0} s ({seconds / 3 * 8:0} words each), stand-in model at {cost} s per audio second; PostgreSQL {ServerVersion(server)} on loopback"));

            var overhead = Measure(server, manifest, jobs, seconds, workers: 1, cost: 0, "overhead");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dispatch overhead (1 worker, no model work): {overhead.Wall * 1000 / jobs:0.0} ms per job (fetch, state changes, hash, decode header, store {seconds / 3 * 8:0} words); submit: {overhead.Submit * 1000 / jobs:0.0} ms per media"));
            Console.WriteLine("workers  wall s  audio h/h  speed-up  efficiency");
            double? single = null;
            foreach (var n in counts)
            {
                var result = Measure(server, manifest, jobs, seconds, n, cost, $"w{n}");
                single ??= result.Wall * n;
                var speedup = single.Value / result.Wall;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n,7}  {result.Wall,6:0.0}  {jobs * seconds / result.Wall,9:0.0}  {speedup,8:0.00}  {speedup / n,9:0%}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ideal: {jobs * seconds * cost:0.0} s of model work over N workers"));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            RunScript(script, "stop", folder);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The default model on <paramref name="copies"/> copies of the bundled 90 s sample, with 1, 2... workers of one job each.</summary>
    private static int RunReal(string server, string dir, string script, int copies, IReadOnlyList<int> counts)
    {
        var samples = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(script))!, "audio-samples");
        var lines = Enumerable.Range(0, copies).Select(i =>
            $"{{\"id\": \"sample{i:D2}\", \"audio\": \"{Path.Combine(samples, "sample.wav")}\", \"captions\": \"{Path.Combine(samples, "sample.srt")}\"}}");
        var manifest = Path.Combine(dir, "real.jsonl");
        File.WriteAllLines(manifest, lines);
        Console.WriteLine($"{copies} copies of audio-samples/sample.wav (90 s, {File.ReadAllLines(Path.Combine(samples, "sample.srt")).Count(l => l.Contains("-->"))} lines), default model, CPU");
        var warmup = Path.Combine(dir, "warmup.jsonl");
        File.WriteAllLines(warmup, lines.Take(1));
        Measure(server, warmup, 1, 90, 1, -1, "warmup"); // JIT and the model file's first read, not counted
        Console.WriteLine("workers  wall s  x real time");
        foreach (var n in counts)
        {
            var result = Measure(server, manifest, copies, 90, n, -1, $"real{n}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,7}  {result.Wall,6:0.0}  {copies * 90 / result.Wall,11:0.0}"));
        }
        return 0;
    }

    /// <summary>Starts <paramref name="workers"/> workers on a new database, submits the manifest, and times until every media is stored.</summary>
    private static (double Wall, int Stored, double Submit) Measure(string server, string manifest, int jobs, double seconds, int workers, double cost, string name)
    {
        var db = new NpgsqlConnectionStringBuilder(server) { Database = "bench_" + name }.ConnectionString;
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE bench_{name}", admin);
            create.ExecuteNonQuery();
        }
        var quiet = new CliConsole(TextWriter.Null, TextWriter.Null, false);
        var services = cost < 0 ? CliServices.Default : new CliServices(_ => new StandInAligner(cost), new WavClipSource()); // cost < 0: the real model
        using var stop = new CancellationTokenSource();
        var submitClock = Stopwatch.StartNew(); // submit before the workers start: the clock below times the workers only
        var code = CtcAlign.Cli.Program.RunAsync(["submit", "--manifest", manifest, "--db", db, "--device", "cpu"], quiet).GetAwaiter().GetResult();
        if (code != 0)
            throw new InvalidOperationException($"submit failed with exit code {code}");
        var submit = submitClock.Elapsed.TotalSeconds;
        var firstJob = new FirstLineClock(" started ");
        var log = new CliConsole(firstJob, TextWriter.Null, false);
        var running = Enumerable.Range(0, workers)
            .Select(i => Task.Run(() => CtcAlign.Cli.Program.RunAsync(["worker", "--db", db, "--device", "cpu", "--name", $"{name}-{i}", "--stop-timeout", "5"], log, services, stop.Token)))
            .ToList();
        var stored = 0;
        using (var store = SegmentStore.Open(db, readOnly: true))
        {
            var limit = Stopwatch.StartNew();
            while ((stored = store.Count().Media) < jobs && limit.Elapsed < TimeSpan.FromMinutes(10))
                Thread.Sleep(10);
        }
        var wall = firstJob.SecondsSince();
        stop.Cancel();
        Task.WaitAll([.. running]);
        return (wall, stored, submit);
    }

    private static string WriteMedia(string dir, int jobs, double seconds)
    {
        var lines = new List<string>();
        var words = "the quick brown fox jumps over lazy dogs";
        var captionLines = string.Join("\\n", Enumerable.Repeat(words, (int)(seconds / 3)));
        for (var i = 0; i < jobs; i++)
        {
            var path = Path.Combine(dir, $"m{i:D4}.wav");
            using (var writer = new WaveFileWriter(path, new WaveFormat(16_000, 16, 1)))
            {
                var samples = new float[(int)(seconds * 16_000)];
                samples[0] = i / (float)jobs; // distinct content, distinct hash
                writer.WriteSamples(samples, 0, samples.Length);
            }
            lines.Add($"{{\"id\": \"m{i:D4}\", \"audio\": \"{Path.GetFileName(path)}\", \"text\": \"{captionLines}\"}}");
        }
        var manifest = Path.Combine(dir, "batch.jsonl");
        File.WriteAllLines(manifest, lines);
        return manifest;
    }

    private static string ServerVersion(string server)
    {
        using var db = new NpgsqlConnection(server);
        db.Open();
        return db.ServerVersion;
    }

    private static string FindScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var script = Path.Combine(d.FullName, "tools", "pg-temp-cluster.sh");
            if (File.Exists(script))
                return script;
        }
        throw new InvalidOperationException("tools/pg-temp-cluster.sh not found above " + AppContext.BaseDirectory);
    }

    private static string RunScript(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>A log writer that notes when the first line containing <c>marker</c> is written.</summary>
    private sealed class FirstLineClock(string marker) : TextWriter
    {
        private long _first;

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            if (value is not null && value.Contains(marker, StringComparison.Ordinal))
                Interlocked.CompareExchange(ref _first, Stopwatch.GetTimestamp(), 0);
        }

        public double SecondsSince() => Stopwatch.GetElapsedTime(Interlocked.Read(ref _first)).TotalSeconds;
    }
}
