using CtcAlign.Acoustic;
using CtcAlign.Text;

namespace CtcAlign.Tests.Acoustic;

public sealed class EmissionComputerTests
{
    private static ModelDescription Description(ModelOutputKind kind = ModelOutputKind.LogProbs, InputNormalization norm = InputNormalization.None) =>
        new("fake", 16000, 320, Vocabulary.FromTokens(["<blank>", "|", "a", "b"]), kind, norm);

    // Window 0.5 s = 25 frames = 8000 samples, context 0.1 s = 5 frames = 1600 samples: full windows of 11200.
    private static readonly EmissionOptions Small = new(WindowSeconds: 0.5, ContextSeconds: 0.1, BatchSize: 2);

    [Theory]
    [InlineData(1600, 1)]
    [InlineData(1601, 2)]
    [InlineData(11200, 2)]
    [InlineData(11201, 2)]
    [InlineData(8000 * 3 + 3200, 2)]
    [InlineData(8000 * 3 + 3201, 2)]
    [InlineData(80123, 1)]
    [InlineData(80123, 2)]
    [InlineData(80123, 3)]
    [InlineData(160000, 4)]
    public void Windowed_emissions_equal_whole_file_emissions(int samples, int batch)
    {
        var audio = TestAudioSource.Noise(samples);
        var whole = new FakeConvModel().Run(audio, 1, samples);

        var model = new FakeConvModel();
        var computer = new EmissionComputer(model, Description(), Small with { BatchSize = batch });
        var blocks = computer.ComputeBlocks(new TestAudioSource(audio)).ToList();
        var all = EmissionComputer.Concatenate(blocks, computer.Description);

        Assert.Equal(whole.FramesPerWindow, all.Frames);
        Assert.InRange(all.Frames, samples / 320.0 - 1, samples / 320.0 + 1);
        for (var i = 0; i < whole.Values.Length; i++)
            Assert.True(Math.Abs(whole.Values[i] - all.LogProbs[i]) < 1e-5, $"value {i}: {whole.Values[i]} vs {all.LogProbs[i]}");
        var frame = 0;
        foreach (var block in blocks)
        {
            Assert.Equal(frame * 0.02, block.StartSeconds, 9);
            frame += block.Frames;
        }
        Assert.All(model.Calls.SkipLast(1), c => Assert.Equal(11200, c.WindowSamples));
        Assert.All(model.Calls, c => Assert.InRange(c.Windows, 1, batch));
    }

    [Fact]
    public void Without_context_window_edges_differ_so_the_equality_test_can_fail()
    {
        var audio = TestAudioSource.Noise(40000);
        var whole = new FakeConvModel().Run(audio, 1, audio.Length);
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small with { ContextSeconds = 0 });
        var all = computer.ComputeAll(new TestAudioSource(audio));

        Assert.Equal(whole.FramesPerWindow, all.Frames);
        var maxDiff = whole.Values.Zip(all.LogProbs).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff > 1e-3, $"max difference {maxDiff}");
    }

    /// <summary>A model that loses frames at the end of every window, like wav2vec2's unpadded convolutions.</summary>
    private sealed class ShortModel : CtcAlign.Acoustic.IFrameModel
    {
        public int VocabularySize => 4;

        public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
        {
            var frames = Math.Max(0, windowSamples / 320 - 2);
            return new FrameBatch(new float[windows * frames * 4], windows, frames, 4);
        }
    }

    [Fact]
    public void A_model_that_drops_frames_needs_context_and_says_so()
    {
        var computer = new EmissionComputer(new ShortModel(), Description(), Small with { ContextSeconds = 0 });
        var ex = Assert.Throws<CtcAlignException>(() => computer.ComputeAll(new TestAudioSource(new float[40000])));
        Assert.Equal("The model gave 23 frames for a window of 8000 samples but frames up to 25 were needed (stride 320); use a longer window context.", ex.Message);

        var withContext = new EmissionComputer(new ShortModel(), Description(), Small).ComputeAll(new TestAudioSource(new float[40000]));
        Assert.Equal(40000 / 320 - 2, withContext.Frames);
    }

    [Fact]
    public void Audio_shorter_than_a_tenth_of_a_second_is_refused()
    {
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small);
        var ex = Assert.Throws<CtcAlignException>(() => computer.ComputeAll(new TestAudioSource(new float[209])));
        Assert.Equal("The audio is only 0.013 s long; at least 0.1 s is needed.", ex.Message);
        Assert.Equal(0, computer.ComputeAll(new TestAudioSource([])).Frames);
    }

    [Fact]
    public void Reads_audio_lazily_holding_at_most_one_batch()
    {
        var source = new TestAudioSource(TestAudioSource.Noise(200000));
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small);

        using var blocks = computer.ComputeBlocks(source).GetEnumerator();
        Assert.True(blocks.MoveNext());

        // One batch = 2 windows: (2 - 1) * 8000 + 11200 + 1 samples, read in chunks of up to 3001.
        Assert.InRange(source.Delivered, 19201, 19201 + 3001);
    }

    [Fact]
    public void Logits_become_log_probabilities_and_log_probs_pass_unchanged()
    {
        var audio = TestAudioSource.Noise(20000);
        var raw = new EmissionComputer(new FakeConvModel(), Description(ModelOutputKind.LogProbs), Small).ComputeAll(new TestAudioSource(audio));
        var soft = new EmissionComputer(new FakeConvModel(), Description(ModelOutputKind.Logits), Small).ComputeAll(new TestAudioSource(audio));

        for (var t = 0; t < soft.Frames; t++)
        {
            var row = soft.Row(t);
            Assert.Equal(1.0, row.ToArray().Sum(x => Math.Exp(x)), 5);
            var rawRow = raw.Row(t);
            for (var v = 1; v < row.Length; v++)
                Assert.Equal(rawRow[v] - rawRow[0], row[v] - row[0], 4); // a shift per row, nothing else
        }
    }

    [Fact]
    public void Normalises_each_window_when_the_model_asks()
    {
        var audio = TestAudioSource.Noise(30000).Select(x => 3 * x + 0.5f).ToArray();
        var model = new FakeConvModel();
        new EmissionComputer(model, Description(norm: InputNormalization.ZeroMeanUnitVariance), Small).ComputeAll(new TestAudioSource(audio));

        for (var c = 0; c < model.Calls.Count; c++)
            for (var w = 0; w < model.Calls[c].Windows; w++)
            {
                var window = model.Inputs[c].AsSpan(w * model.Calls[c].WindowSamples, model.Calls[c].WindowSamples).ToArray();
                var mean = window.Average();
                Assert.Equal(0, mean, 4);
                Assert.Equal(1, window.Average(x => (x - mean) * (x - mean)), 3);
            }
    }

    [Fact]
    public void Rejects_audio_that_is_not_mono_at_the_model_rate()
    {
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small);
        var stereo = Assert.Throws<ArgumentException>(() => computer.ComputeBlocks(new TestAudioSource([], 16000, channels: 2)));
        Assert.StartsWith("Audio must be mono at 16000 Hz; it is 2 ch at 16000 Hz.", stereo.Message);
        var rate = Assert.Throws<ArgumentException>(() => computer.ComputeBlocks(new TestAudioSource([], 8000)));
        Assert.StartsWith("Audio must be mono at 16000 Hz; it is 1 ch at 8000 Hz.", rate.Message);
    }

    [Fact]
    public void Rejects_a_model_whose_vocabulary_differs_from_the_description()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EmissionComputer(new FakeConvModel(vocabularySize: 5), Description()));
        Assert.StartsWith("Model vocabulary 5 differs from the description's 4.", ex.Message);
    }

    [Fact]
    public void A_decoder_failure_midway_surfaces_after_the_blocks_before_it()
    {
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small with { BatchSize = 1 });
        var source = new TestAudioSource(TestAudioSource.Noise(100000), maxRead: 1000, throwAfter: 30000);
        var got = new List<double>();

        var ex = Assert.Throws<CtcAlign.Audio.AudioFormatException>(() =>
        {
            foreach (var block in computer.ComputeBlocks(source))
                got.Add(block.StartSeconds);
        });
        Assert.Equal("broken.wav: corrupt data", ex.Message);
        Assert.NotEmpty(got);
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small with { BatchSize = 1 });
        using var cts = new CancellationTokenSource();
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in computer.ComputeBlocksAsync(new TestAudioSource(TestAudioSource.Noise(100000)), cts.Token))
            {
                count++;
                cts.Cancel();
            }
        });
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Async_blocks_equal_sync_blocks()
    {
        var audio = TestAudioSource.Noise(50000);
        var computer = new EmissionComputer(new FakeConvModel(), Description(), Small);
        var sync = computer.ComputeAll(new TestAudioSource(audio));
        var blocks = new List<CtcAlign.Alignment.EmissionMatrix>();
        await foreach (var b in computer.ComputeBlocksAsync(new TestAudioSource(audio)))
            blocks.Add(b);

        Assert.Equal(sync.LogProbs, EmissionComputer.Concatenate(blocks, computer.Description).LogProbs);
    }
}
