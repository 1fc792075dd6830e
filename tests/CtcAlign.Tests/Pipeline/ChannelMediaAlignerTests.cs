using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Audio;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Tests.Acoustic;
using CtcAlign.Text;

namespace CtcAlign.Tests.Pipeline;

public sealed class ChannelMediaAlignerTests : IDisposable
{
    private static readonly ModelDescription Description =
        new("fake", 16000, 320, Vocabulary.FromTokens(["<blank>", "|", "a", "b"]), ModelOutputKind.Logits, InputNormalization.None);

    // Window 0.5 s + 0.1 s context on each side: full windows of 11200 samples, 25 kept frames each.
    private static readonly EmissionOptions Small = new(WindowSeconds: 0.5, ContextSeconds: 0.1, BatchSize: 3);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <param name="offset">Added to every sample (a file whose windows a model can recognise by their mean).</param>
    private MediaJob Job(string id, double seconds, int seed = 1, float offset = 0, params string[] lines)
    {
        var samples = TestAudioSource.Noise((int)(seconds * 16000), seed).Select(x => x + offset).ToArray();
        var path = TestAudio.WriteWav(_dir.File(id + ".wav"), samples);
        string[] text = lines.Length > 0 ? lines : ["one line", "another line", "UNSPOKEN line", "last"];
        return new MediaJob(id, path, text.Select((t, i) => new CaptionLine(i, t, null, null)).ToList());
    }

    /// <summary>The sequential code path: decode, windowed emissions of one file, then the aligner.</summary>
    private static async Task<MediaAlignment> SequentialAsync(MediaJob job, IEmissionAligner aligner)
    {
        var computer = new EmissionComputer(new FakeConvModel(), Description, Small);
        using var audio = MediaDecoder.Open(job.AudioPath, Description.SampleRate);
        return await aligner.AlignAsync(job, computer.ComputeBlocksAsync(audio), audio.DurationSeconds, CancellationToken.None);
    }

    private static string Json(MediaAlignment a) => JsonSerializer.Serialize(a);

    [Fact]
    public async Task Files_in_flight_together_give_the_sequential_path_s_results_and_share_model_calls()
    {
        // File i's samples sit around 0.15 * i, so each window run tells which file it came from.
        var jobs = new[] { Job("a", 0.9, 1), Job("b", 2.3, 2, 0.15f), Job("c", 3.05, 3, 0.30f), Job("d", 0.35, 4, 0.45f), Job("e", 1.7, 5, 0.60f) };
        var aligner = new DigestEmissionAligner();
        var expected = new List<string>();
        foreach (var job in jobs)
            expected.Add(Json(await SequentialAsync(job, aligner)));

        var model = new ScriptedFrameModel();
        using var release = new ManualResetEventSlim();
        model.BeforeCall = call => { if (call == 0) release.Wait(Patience); }; // let every file queue its windows
        using var pipeline = new ChannelMediaAligner(model, new WindowLayout(Description, Small), aligner);
        var running = jobs.Select(j => pipeline.AlignAsync(j, CancellationToken.None)).ToList();
        await Task.Delay(300);
        release.Set();
        var results = await Task.WhenAll(running).WaitAsync(Patience);

        Assert.Equal(expected, results.Select(Json));
        Assert.Equal(0.9, results[0].DurationSeconds, 9);
        Assert.Contains(-20, results[0].Segments.Select(s => s.Rho));
        // 17 windows (2 + 5 + 6 + 1 + 3); equal-length windows of different files ran in the same calls, at most 3 at a time.
        Assert.Equal(17, model.WindowsRun);
        Assert.All(model.Calls, c => Assert.InRange(c.Windows, 1, 3));
        var filesPerCall = model.Calls.Select((c, i) => Enumerable.Range(0, c.Windows)
            .Select(w => (int)Math.Round(model.Inputs[i].AsSpan(w * c.WindowSamples, c.WindowSamples).ToArray().Average() / 0.15)).Distinct().Count()).ToList();
        Assert.Contains(filesPerCall, n => n > 1);
        Assert.Equal(model.WindowsRun, pipeline.Times.Windows);
        Assert.Equal(model.Calls.Count, pipeline.Times.Batches);
        Assert.Empty(pipeline.InFlight());
    }

    [Fact]
    public async Task Progress_snapshots_taken_while_files_come_and_go_hold_only_files_in_flight()
    {
        using var pipeline = new ChannelMediaAligner(new ScriptedFrameModel(), new WindowLayout(Description, Small), new DigestEmissionAligner());
        var jobs = Enumerable.Range(0, 60).Select(i => Job($"f{i}", 0.2 + 0.1 * (i % 3), i)).ToList();
        using var done = new CancellationTokenSource();
        var snapshots = 0;
        var watcher = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                Assert.All(pipeline.InFlight(), p => Assert.NotNull(p));
                snapshots++;
            }
        });
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (job, ct) => await pipeline.AlignAsync(job, ct)).WaitAsync(Patience);
        await done.CancelAsync();
        await watcher.WaitAsync(Patience);
        Assert.True(snapshots > 0);
    }

    public enum Stage { Model, Aligner }

    [Theory]
    [InlineData(Stage.Model, 0)]
    [InlineData(Stage.Model, 3)]
    [InlineData(Stage.Model, 7)]
    [InlineData(Stage.Aligner, 0)]
    [InlineData(Stage.Aligner, 3)]
    [InlineData(Stage.Aligner, 7)]
    public async Task A_throw_at_the_first_a_middle_or_the_last_item_fails_that_file_only(Stage stage, int item)
    {
        var bad = Job("bad", 4.0, 9, offset: 0.7f); // 8 windows: 7 full, then the last (8000 samples)
        var good = new[] { Job("g1", 1.2, 1), Job("g2", 2.0, 2) };
        var aligner = new DigestEmissionAligner();
        var model = new ScriptedFrameModel();
        if (stage == Stage.Aligner)
            aligner.OnBlock = (job, k) => { if (job.Id == "bad" && k == item) throw new AlignmentException($"bad block {k}"); };
        var layout = new WindowLayout(Description, Small with { BatchSize = 1 }); // one window per call
        using var pipeline = new ChannelMediaAligner(stage == Stage.Model ? new MarkedWindowModel(model, item) : model, layout, aligner);

        var badRun = pipeline.AlignAsync(bad, CancellationToken.None);
        var goodRuns = good.Select(j => pipeline.AlignAsync(j, CancellationToken.None)).ToList();

        var ex = await Assert.ThrowsAnyAsync<CtcAlignException>(() => badRun.WaitAsync(Patience));
        Assert.Equal(stage == Stage.Model ? $"model failed on window {item} of the marked file" : $"bad block {item}", ex.Message);
        var results = await Task.WhenAll(goodRuns).WaitAsync(Patience);
        Assert.Equal(["g1", "g2"], results.Select(r => r.Id));
        Assert.Equal(Json(await SequentialAsync(good[1], new DigestEmissionAligner())), Json(results[1]));
        Assert.Empty(pipeline.InFlight());
    }

    [Fact]
    public async Task A_truncated_file_fails_after_its_blocks_with_the_decoder_s_reason()
    {
        var job = Job("cut", 2.0, 3);
        var bytes = File.ReadAllBytes(job.AudioPath);
        File.WriteAllBytes(job.AudioPath, bytes[..(bytes.Length - 16000)]); // the header still promises 2 s
        var blocks = 0;
        var aligner = new DigestEmissionAligner { OnBlock = (_, _) => blocks++ };
        using var pipeline = new ChannelMediaAligner(new ScriptedFrameModel(), new WindowLayout(Description, Small), aligner);

        var ex = await Assert.ThrowsAsync<AudioFormatException>(() => pipeline.AlignAsync(job, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal("cut.wav: truncated WAV file: the header declares 2 s of audio but the data ends after 1.5 s.", ex.Message);
        Assert.Equal(2, blocks); // the windows before the end of the data were aligned first, as in the sequential path
        var corrupt = Job("corrupt", 1, 1);
        File.WriteAllText(corrupt.AudioPath, "RIFF....WAVEjunk");
        await Assert.ThrowsAsync<AudioFormatException>(() => pipeline.AlignAsync(corrupt, CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task Cancelling_a_file_stops_its_decoding_early_and_the_pipeline_goes_on()
    {
        var job = Job("long", 40, 1); // 80 windows
        var model = new ScriptedFrameModel();
        using var cts = new CancellationTokenSource();
        var aligner = new DigestEmissionAligner { OnBlock = (_, k) => { if (k == 2) cts.Cancel(); } };
        using var pipeline = new ChannelMediaAligner(model, new WindowLayout(Description, Small), aligner);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.AlignAsync(job, cts.Token).WaitAsync(Patience));
        var ran = model.WindowsRun;
        Assert.True(ran <= 3 + 8 + 4 + 3, $"{ran} of 80 windows ran after cancelling at block 2"); // blocks read + queue + blocks channel + a batch
        var other = Job("short", 1.0, 2);
        var result = await pipeline.AlignAsync(other, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(Json(await SequentialAsync(other, new DigestEmissionAligner())), Json(result));
        Assert.InRange(model.WindowsRun - ran, 2, 2 + 8); // the cancelled file's queued windows were dropped, not run
    }

    [Fact]
    public async Task An_aligner_that_stops_reading_early_does_not_hang_the_pipeline()
    {
        var model = new ScriptedFrameModel();
        var aligner = new DigestEmissionAligner { StopAfterBlocks = 1 };
        using var pipeline = new ChannelMediaAligner(model, new WindowLayout(Description, Small), aligner);
        var runs = new[] { Job("p", 30, 1), Job("q", 20, 2) }.Select(j => pipeline.AlignAsync(j, CancellationToken.None)).ToList();
        var done = await Task.WhenAll(runs).WaitAsync(Patience);
        Assert.Equal(2, done.Length);
        Assert.True(model.WindowsRun < 60, $"{model.WindowsRun} of 100 windows ran");
    }

    [Fact]
    public async Task Disposing_waits_for_the_inference_stage_and_refuses_new_files()
    {
        var model = new ScriptedFrameModel();
        var owned = new Owned();
        var pipeline = new ChannelMediaAligner(model, new WindowLayout(Description, Small), new DigestEmissionAligner(), owned: owned);
        await pipeline.AlignAsync(Job("a", 1, 1), CancellationToken.None).WaitAsync(Patience);
        pipeline.Dispose();
        pipeline.Dispose();
        Assert.Equal(1, owned.Disposals);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pipeline.AlignAsync(Job("b", 1, 1), CancellationToken.None));
    }

    private sealed class Owned : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }

    /// <summary>Throws on window <c>failAt</c> (counted from 0) of the file whose samples sit around +0.7.</summary>
    private sealed class MarkedWindowModel(IFrameModel inner, int failAt) : IFrameModel
    {
        private int _marked;

        public int VocabularySize => inner.VocabularySize;

        public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
        {
            var mean = 0.0;
            foreach (var x in samples)
                mean += x;
            if (mean / samples.Length > 0.5 && _marked++ == failAt)
                throw new CtcAlignException($"model failed on window {failAt} of the marked file");
            return inner.Run(samples, windows, windowSamples);
        }
    }
}
