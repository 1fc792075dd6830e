using CtcAlign.Acoustic;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Acoustic;

public sealed class AcousticModelTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    private static AcousticModel Load(string dir, EmissionOptions emission) =>
        AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(InferenceDevice.Cpu, 1), emission));

    [Fact]
    public void Windowed_onnx_emissions_of_a_file_equal_whole_file_emissions()
    {
        // 9.3 s of 44.1 kHz stereo noise; windows of 2 s with 0.2 s context versus one window for the whole file.
        var stereo = TestAudioSource.Noise(2 * 410130).Select((x, i) => i % 2 == 0 ? x : -0.5f * x).ToArray();
        var path = _media.WriteWav("noise.wav", stereo, 44100, 2, 16);

        using var windowed = Load(ModelFixtures.CtcAlignPackage, new EmissionOptions(2, 0.2, BatchSize: 3));
        using var whole = Load(ModelFixtures.CtcAlignPackage, new EmissionOptions(100, 0, BatchSize: 1));
        var blocks = windowed.EmissionsOf(path).ToList();
        var a = CtcAlign.Acoustic.EmissionComputer.Concatenate(blocks, windowed.Description);
        var b = whole.ComputeEmissions(path);

        Assert.True(blocks.Count >= 4);
        Assert.Equal(b.Frames, a.Frames);
        Assert.InRange(a.Frames, 410130 / 44100.0 / 0.02 - 1, 410130 / 44100.0 / 0.02 + 1);
        Assert.Equal(5, a.VocabularySize);
        Assert.Equal(0.02, a.FrameSeconds, 12);
        var maxDiff = a.LogProbs.Zip(b.LogProbs).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff < 1e-4, $"max difference {maxDiff}");
        for (var t = 0; t < a.Frames; t += 37)
            Assert.Equal(1.0, a.Row(t).ToArray().Sum(x => Math.Exp(x)), 4);
    }

    [Fact]
    public async Task Async_stream_of_a_compressed_file_matches_the_sync_one()
    {
        var path = _media.EncodeTone("tone.flac", 5, "-c:a", "flac");
        using var model = Load(ModelFixtures.HuggingFacePackage, new EmissionOptions(1.5, 0.3, 2));

        var sync = model.ComputeEmissions(path);
        var frames = 0;
        await foreach (var block in model.EmissionsOfAsync(path))
        {
            Assert.Equal(frames * 0.02, block.StartSeconds, 9);
            for (var i = 0; i < block.Frames * 5; i++)
                Assert.Equal(sync.LogProbs[frames * 5 + i], block.LogProbs[i]);
            frames += block.Frames;
        }
        Assert.Equal(sync.Frames, frames);
        Assert.InRange(frames, 249, 251);
    }
}
