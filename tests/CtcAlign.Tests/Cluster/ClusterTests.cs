using System.Diagnostics;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Storage;
using CtcAlign.Tests.Acoustic;
using CtcAlign.Tests.Audio;
using NAudio.Wave;

namespace CtcAlign.Tests.Cluster;

/// <summary>
/// The cluster end to end, as separate ctcalign processes on loopback: 1 submitter and 3 workers share a throwaway
/// PostgreSQL server; 30 slices of the bundled sample (one of them the whole 90 s, so a worker can be killed in the
/// middle of it) plus one bad file, aligned with the tiny fixture model.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer server) : IDisposable
{
    /// <summary>A limit that only a hang reaches: on a 2-core machine shared with other work, starting and submitting can take long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>30 media (29 slices of 1-3 s and the whole sample) and a bad file; the manifest lists all 31.</summary>
    private string WriteManifest()
    {
        float[] samples;
        using (var reader = new WaveFileReader(Path.Combine(TestMedia.RepositoryRoot(), "audio-samples", "sample.wav")))
        {
            var provider = reader.ToSampleProvider();
            samples = new float[reader.SampleCount];
            provider.Read(samples, 0, samples.Length);
        }
        var lines = new List<string>();
        void Add(string id, float[] audio, int captionLines)
        {
            TestAudio.WriteWav(_dir.File(id + ".wav"), audio);
            _dir.Write(id + ".srt", string.Concat(Enumerable.Range(0, captionLines).Select(i =>
                $"{i + 1}\n{CaptionTimestamp.FormatSrt(i)} --> {CaptionTimestamp.FormatSrt(i + 1)}\n{(i % 2 == 0 ? "a cab" : "bac ab")}\n\n")));
            lines.Add($"{{\"id\": \"{id}\", \"audio\": \"{id}.wav\", \"captions\": \"{id}.srt\"}}");
        }
        Add("long", samples, 40);
        for (var i = 0; i < 29; i++)
            Add($"clip{i:00}", samples.AsSpan(i * 48_000, 16_000 * (1 + i % 3)).ToArray(), 1 + i % 2);
        _dir.Write("bad.wav", "this is not audio");
        _dir.Write("bad.srt", "1\n00:00:00,000 --> 00:00:01,000\na cab\n");
        lines.Add("{\"id\": \"bad\", \"audio\": \"bad.wav\", \"captions\": \"bad.srt\"}");
        return _dir.Write("batch.jsonl", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public async Task Three_workers_one_killed_mid_file_store_every_media_once_and_export_the_same_bytes_as_a_local_run()
    {
        var manifest = WriteManifest();
        var model = ModelFixtures.CtcAlignPackage;
        var db = server.CreateDatabase();

        // The single-machine reference: the same manifest into SQLite.
        var localDb = _dir.File("local.db");
        using var localOut = new StringWriter();
        using var localErr = new StringWriter();
        var localCode = await Program.RunAsync(["align", "--manifest", manifest, "--db", localDb, "--model", model, "--device", "cpu", "--no-progress", "--no-match-check"],
            new CliConsole(localOut, localErr, false), CliServices.Default);
        Assert.Equal(ExitCodes.PartialFailure, localCode);
        var localReason = localErr.ToString().Split('\n').Single(l => l.StartsWith("ctcalign: bad: ", StringComparison.Ordinal))["ctcalign: bad: ".Length..];

        var workers = Enumerable.Range(0, 3).Select(i => ClusterProcess.Start("worker", "--db", db, "--device", "cpu", "--name", $"w{i}",
            "--job-timeout", "8", "--retry-delay", "1", "--stop-timeout", "5")).ToList();
        try
        {
            var submit = ClusterProcess.Run(Patience, "submit", "--manifest", manifest, "--db", db, "--model", model, "--device", "cpu", "--no-match-check");
            Assert.True(submit.Code == 0, submit.Output);
            Assert.StartsWith("31 media: 31 submitted, 0 already stored, 0 already queued or running", submit.Output);

            // SIGKILL the worker that takes the 90 s file, as soon as it has started it.
            var clock = Stopwatch.StartNew();
            ClusterProcess? victim = null;
            while (victim is null && clock.Elapsed < Patience)
            {
                victim = workers.FirstOrDefault(w => w.Lines.Any(l => l.EndsWith(" started long", StringComparison.Ordinal)));
                await Task.Delay(20);
            }
            Assert.NotNull(victim);
            victim.Signal(9);
            Assert.True(victim.WaitForExit(TimeSpan.FromSeconds(10)));
            Assert.DoesNotContain(victim.Lines, l => l.Contains(" stored long ", StringComparison.Ordinal)); // killed mid-file
            var survivors = workers.Where(w => w != victim).ToList();

            using (var store = SegmentStore.Open(db, readOnly: true))
            {
                while (store.Count().Media < 30 && clock.Elapsed < Patience)
                    await Task.Delay(200);
                Assert.True(store.Count().Media == 30, string.Join("\n---\n", workers.Select(w => w.Output)));
            }
            // Each media was stored by exactly one worker, the long one by a survivor. A worker prints its "stored" line
            // after the commit, and its output is read asynchronously, so the last line may come after the count.
            List<string> StoredLines() => workers.SelectMany(w => w.Lines).Where(l => l.Contains(" stored ", StringComparison.Ordinal))
                .Select(l => l.Split(' ')[2]).ToList();
            while (StoredLines().Count < 30 && clock.Elapsed < Patience)
                await Task.Delay(100);
            var stored = StoredLines();
            Assert.Equal(30, stored.Count);
            Assert.Equal(30, stored.Distinct().Count());
            Assert.Contains(survivors, w => w.Lines.Any(l => l.Contains(" stored long ", StringComparison.Ordinal)));

            // The bad file failed once (not retried), with the reason a local run gives.
            var status = ClusterProcess.Run(Patience, "status", "--db", db);
            Assert.Contains("0 queued, 0 running, 30 done, 1 failed, 0 waiting to retry", status.Output);
            Assert.Contains($"  bad: {localReason}", status.Output);
            // (Hangfire runs a job at least once: a run it aborted and re-queued rolls back; failing is what happens once.)
            var badFailures = workers.SelectMany(w => w.Lines).Count(l => l.Contains(" failed bad: ", StringComparison.Ordinal));
            Assert.True(badFailures == 1, string.Join("\n---\n", workers.Select(w => w.Output)));

            // Re-submitting adds nothing that is stored.
            var again = ClusterProcess.Run(Patience, "submit", "--manifest", manifest, "--db", db, "--model", model, "--device", "cpu", "--no-match-check");
            Assert.StartsWith("31 media: 1 submitted, 30 already stored", again.Output);

            // Ctrl+C stops a worker cleanly.
            survivors[0].Signal(2);
            Assert.True(survivors[0].WaitForExit(TimeSpan.FromSeconds(30)), survivors[0].Output);
            Assert.Equal(ExitCodes.Cancelled, survivors[0].ExitCode);
            Assert.Contains(survivors[0].Lines, l => l.EndsWith(": stopped", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var w in workers)
                w.Dispose();
        }

        foreach (var format in new[] { "json", "srt" })
        {
            var clusterExport = ClusterProcess.Run(Patience, "export", "--db", db, "--format", format, "--out", _dir.File("cluster-" + format));
            Assert.True(clusterExport.Code == 0, clusterExport.Output);
            var localExport = ClusterProcess.Run(Patience, "export", "--db", localDb, "--format", format, "--out", _dir.File("local-" + format));
            Assert.True(localExport.Code == 0, localExport.Output);
            var (clusterFiles, localFiles) = (Files(_dir.File("cluster-" + format)), Files(_dir.File("local-" + format)));
            Assert.Equal(localFiles.Select(f => f.Name), clusterFiles.Select(f => f.Name));
            Assert.Equal(localFiles.Select(f => f.Bytes), clusterFiles.Select(f => f.Bytes));
        }
    }

    private static List<(string Name, byte[] Bytes)> Files(string path) => Directory.Exists(path)
        ? Directory.GetFiles(path).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList()
        : [("", File.ReadAllBytes(path))];

    [Fact]
    public async Task Cluster_verbs_need_a_postgres_database_and_the_dashboard_listens_on_loopback_only()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, false);
        Assert.Equal(ExitCodes.InputError, await Program.RunAsync(["worker", "--db", _dir.File("x.db")], console));
        Assert.Contains("worker needs a PostgreSQL --db", error.ToString());
        Assert.Equal(ExitCodes.InputError, await Program.RunAsync(["dashboard", "--db", server.ConnectionString, "--urls", "http://0.0.0.0:5999"], console));
        Assert.Contains("'http://0.0.0.0:5999' is not a loopback address", error.ToString());

        var db = server.CreateDatabase();
        using (SegmentStore.Open(db)) { }
        var port = FreePort();
        using var cts = new CancellationTokenSource();
        var dashboard = Program.RunAsync(["dashboard", "--db", db, "--urls", $"http://127.0.0.1:{port}"], console, cts.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        string? page = null;
        for (var i = 0; i < 100 && page is null && !dashboard.IsCompleted; i++)
        {
            try
            {
                page = await http.GetStringAsync($"http://127.0.0.1:{port}/");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(page is not null, error.ToString());
        Assert.Contains("ctcalign cluster", page);
        var failedPage = await http.GetStringAsync($"http://127.0.0.1:{port}/jobs/failed");
        Assert.DoesNotContain("js-jobs-list-command", failedPage); // read-only: no requeue or delete buttons
        await cts.CancelAsync();
        Assert.Equal(ExitCodes.Cancelled, await dashboard);
    }

    [Fact]
    public async Task Transient_failures_are_retried_a_bounded_number_of_times()
    {
        var db = server.CreateDatabase();
        var lines = new List<string>();
        foreach (var id in new[] { "flaky", "broken" })
        {
            TestAudio.WriteWav(_dir.File(id + ".wav"), TestAudio.Ramp(16_000));
            lines.Add($"{{\"id\": \"{id}\", \"audio\": \"{id}.wav\", \"text\": \"a cab\"}}");
        }
        var manifest = _dir.Write("batch.jsonl", string.Join('\n', lines) + "\n");
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var services = new CliServices(settings => new CtcAlign.Tests.Cli.FakeMediaAligner(settings)
        {
            BeforeAlign = (job, _) => attempts.AddOrUpdate(job.Id, 1, (_, n) => n + 1) switch
            {
                1 when job.Id == "flaky" => throw new TimeoutException("the database did not answer"),
                _ when job.Id == "broken" => throw new InvalidOperationException("out of GPU memory"),
                _ => Task.CompletedTask,
            },
        }, new WavClipSource());
        using var log = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(log), TextWriter.Null, false);
        Assert.Equal(ExitCodes.Success, await Program.RunAsync(["submit", "--manifest", manifest, "--db", db], console, services));
        using var stop = new CancellationTokenSource();
        var worker = Program.RunAsync(["worker", "--db", db, "--retries", "2", "--retry-delay", "1", "--stop-timeout", "1"], console, services, stop.Token);
        var clock = Stopwatch.StartNew();
        string status = "";
        while (clock.Elapsed < Patience && !worker.IsCompleted)
        {
            using var statusOut = new StringWriter();
            await Program.RunAsync(["status", "--db", db], new CliConsole(statusOut, TextWriter.Null, false));
            status = statusOut.ToString();
            if (status.Contains("1 done, 1 failed, 0 waiting to retry", StringComparison.Ordinal))
                break;
            await Task.Delay(500);
        }
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Cancelled, await worker);
        Assert.True(status.Contains("jobs: 0 queued, 0 running, 1 done, 1 failed, 0 waiting to retry", StringComparison.Ordinal), status + "\n" + log);
        Assert.Contains("  broken: out of GPU memory", status);
        Assert.Equal(2, attempts["flaky"]); // one retry, then stored
        Assert.Equal(3, attempts["broken"]); // the first try and --retries 2, then failed
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
