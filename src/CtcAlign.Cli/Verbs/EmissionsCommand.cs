using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Acoustic;
using CtcAlign.Formats;

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
        var toStdout = OutputFile.IsStandardOutput(options.Out);
        if (toStdout && console.OpenBinaryOut is null)
            throw new CtcAlignException("--out -: there is no standard output to write to here");
        if (!toStdout && !string.Equals(Path.GetExtension(options.Out), ".npy", StringComparison.OrdinalIgnoreCase))
            throw new CtcAlignException($"--out {options.Out}: emissions are a NumPy .npy file (float32 [frames, vocabulary]) with a .json beside it; "
                + $"name it {Path.ChangeExtension(options.Out, ".npy")} (or - for stdout)");
        var outPath = toStdout ? OutputFile.StandardOutputName : Path.GetFullPath(options.Out);
        var jsonPath = toStdout ? null : Path.ChangeExtension(outPath, ".json");
        if (!toStdout)
        {
            OutputFile.CheckWritable(outPath);
            OutputFile.CheckWritable(jsonPath!);
        }

        var modelDir = DefaultModelLocator.Resolve(options.Model);
        using var model = AcousticModel.Load(modelDir, new AcousticModelOptions(
            options.OnnxOptions(),
            new EmissionOptions(options.WindowSeconds, options.ContextSeconds, options.BatchSize)));
        var d = model.Description;
        console.Error.WriteLine($"model: {d.Name} ({model.Package.Directory}); device: {model.DeviceNote}; precision: {ModelPrecisionNames.Name(model.Precision)}");
        if (options.Verbose && model.CudaFailure is not null)
            console.Error.WriteLine($"CUDA: {model.CudaFailure}");

        var clock = Stopwatch.StartNew();
        long frames = 0;
        double audioSeconds = 0;
        using (var audio = model.OpenAudio(options.Media))
        {
            void WriteNpy(Stream stream)
            {
                using var npy = new NpyWriter(stream, d.Vocabulary.Count);
                foreach (var block in model.Emissions.ComputeBlocks(audio, cancellationToken))
                    npy.WriteRows(block.LogProbs.AsSpan(0, block.Frames * block.VocabularySize));
                frames = npy.Rows;
                npy.Complete();
            }

            if (toStdout)
            {
                using var stdout = console.OpenBinaryOut!();
                WriteNpy(stdout);
            }
            else
                OutputFile.Write(outPath, WriteNpy); // through a link; a temp file renamed into place, so a failure leaves no half file
            audioSeconds = audio.SamplesRead / (double)d.SampleRate;
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
        var seconds = clock.Elapsed.TotalSeconds;
        var speed = string.Create(CultureInfo.InvariantCulture,
            $"{audioSeconds:0.##} s of audio in {seconds:0.##} s ({audioSeconds / Math.Max(seconds, 1e-9):0.#}x real time)");
        if (toStdout)
        {
            // stdout holds the .npy alone; the columns are the model's vocabulary (`ctcalign model info` lists it)
            console.Error.WriteLine($"wrote [{frames}, {d.Vocabulary.Count}] to standard output (no .json beside it: `ctcalign model info` lists the columns): {speed}");
            return Task.FromResult(ExitCodes.Success);
        }
        var json = JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true });
        OutputFile.Write(jsonPath!, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(json)));
        console.Out.WriteLine($"wrote {outPath} [{frames}, {d.Vocabulary.Count}] and {jsonPath}: {speed}");
        return Task.FromResult(ExitCodes.Success);
    }
}
