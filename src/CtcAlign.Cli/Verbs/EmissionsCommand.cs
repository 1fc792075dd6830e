using System.Diagnostics;
using System.Text.Json;
using CtcAlign.Acoustic;

namespace CtcAlign.Cli.Verbs;

/// <summary>Streams a file's emissions into a .npy (float32 [T, V]) and writes the .json that says what the columns are.</summary>
public sealed class EmissionsCommand(EmissionsOptions options) : IVerbCommand
{
    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (options.Threads < 0)
            throw new CtcAlignException($"--threads must be 0 or more; got {options.Threads}.");
        if (options.BatchSize < 1)
            throw new CtcAlignException($"--batch must be at least 1; got {options.BatchSize}.");
        if (options.WindowSeconds <= 0 || options.ContextSeconds < 0)
            throw new CtcAlignException("--window must be positive and --context 0 or more.");
        var outPath = Path.GetFullPath(options.Out);
        var outDir = Path.GetDirectoryName(outPath)!;
        if (!Directory.Exists(outDir))
            throw new CtcAlignException($"--out: folder '{outDir}' does not exist.");
        var jsonPath = Path.ChangeExtension(outPath, ".json");

        var modelDir = DefaultModelLocator.Resolve(options.Model);
        using var model = AcousticModel.Load(modelDir, new AcousticModelOptions(
            new OnnxFrameModelOptions(options.Device, options.Threads),
            new EmissionOptions(options.WindowSeconds, options.ContextSeconds, options.BatchSize)));
        var d = model.Description;
        console.Error.WriteLine($"model: {d.Name} ({model.Package.Directory}); device: {model.DeviceNote}");

        var clock = Stopwatch.StartNew();
        var tempPath = outPath + ".partial";
        long frames;
        double audioSeconds;
        try
        {
            using var audio = model.OpenAudio(options.Media);
            using (var npy = new NpyWriter(tempPath, d.Vocabulary.Count))
            {
                foreach (var block in model.Emissions.ComputeBlocks(audio, cancellationToken))
                    npy.WriteRows(block.LogProbs.AsSpan(0, block.Frames * block.VocabularySize));
                frames = npy.Rows;
                npy.Complete();
            }
            audioSeconds = audio.SamplesRead / (double)d.SampleRate;
            File.Move(tempPath, outPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(tempPath))
                File.Delete(tempPath);
        }

        var description = new
        {
            model = d.Name,
            model_version = d.Version,
            audio = Path.GetFullPath(options.Media),
            duration_seconds = audioSeconds,
            sample_rate = d.SampleRate,
            frame_stride_samples = d.FrameStrideSamples,
            frame_seconds = d.FrameSeconds,
            frames,
            vocabulary = d.Vocabulary.Tokens,
            blank = d.Vocabulary.BlankIndex,
            word_delimiter = d.Vocabulary.WordDelimiterIndex,
            values = "natural-log probabilities, float32, shape [frames, vocabulary]; frame t starts at t * frame_seconds",
        };
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true }));
        var seconds = clock.Elapsed.TotalSeconds;
        console.Out.WriteLine(
            $"wrote {outPath} [{frames}, {d.Vocabulary.Count}] and {jsonPath}: {audioSeconds:0.##} s of audio in {seconds:0.##} s ({audioSeconds / Math.Max(seconds, 1e-9):0.#}x real time)");
        return Task.FromResult(ExitCodes.Success);
    }
}
