using System.Diagnostics;
using CtcAlign.Acoustic;

namespace CtcAlign.Bench;

/// <summary>
/// `inference [--model DIR] [--minutes 5] [--threads N] [--batch 4] [--window 30] [--context 2] [--device auto]`:
/// windowed ONNX inference speed (x real time) on generated audio at the model's rate, decoding excluded.
/// The model defaults to CTCALIGN_MODEL or models/default.
/// </summary>
public static class InferenceBenchmark
{
    public static int Run(string[] args)
    {
        var dir = DefaultModelLocator.Resolve(BenchArgs.String(args, "--model"));
        var minutes = BenchArgs.Double(args, "--minutes", 5);
        var threads = (int)BenchArgs.Double(args, "--threads", 0);
        var device = Enum.Parse<InferenceDevice>(BenchArgs.String(args, "--device") ?? "auto", ignoreCase: true);
        var emission = new EmissionOptions(
            BenchArgs.Double(args, "--window", 30), BenchArgs.Double(args, "--context", 2), (int)BenchArgs.Double(args, "--batch", 4));

        var clock = Stopwatch.StartNew();
        using var model = AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(device, threads), emission));
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var d = model.Description;
        var samples = (int)(minutes * 60 * d.SampleRate);
        var audio = new float[samples];
        var rng = new Random(3);
        for (var i = 0; i < samples; i++)
            audio[i] = (float)(0.1 * Math.Sin(i * 0.031) + 0.05 * (rng.NextDouble() - 0.5));

        // Warm-up: one window, so the first-run graph optimisation is not counted.
        model.Emissions.ComputeAll(new ArraySampleProvider(audio.AsMemory(0, Math.Min(samples, model.Emissions.WindowSamples)), d.SampleRate));

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        clock.Restart();
        long frames = 0;
        foreach (var block in model.Emissions.ComputeBlocks(new ArraySampleProvider(audio, d.SampleRate)))
            frames += block.Frames;
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var seconds = samples / (double)d.SampleRate;
        Console.WriteLine($"inference: model {d.Name} ({dir}), {model.DeviceNote}, threads {(threads == 0 ? "default" : threads)}, " +
                          $"window {emission.WindowSeconds} s + {emission.ContextSeconds} s context, batch {emission.BatchSize}; load {loadSeconds:0.00} s; " +
                          $"CPU: {Environment.ProcessorCount} cores, load average {BenchArgs.LoadAverage()}");
        Console.WriteLine($"  {seconds / 60:0.#} min of audio -> {frames} frames: {seconds / wall:0.0}x real time (wall {wall:0.00} s, CPU {cpu:0.00} s)");
        return 0;
    }

    /// <summary>Mono float samples from memory, for timing inference without decoding.</summary>
    private sealed class ArraySampleProvider(ReadOnlyMemory<float> samples, int rate) : NAudio.Wave.ISampleProvider
    {
        private int _at;

        public NAudio.Wave.WaveFormat WaveFormat { get; } = NAudio.Wave.WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);

        public int Read(float[] buffer, int offset, int count)
        {
            var n = Math.Min(count, samples.Length - _at);
            samples.Span.Slice(_at, n).CopyTo(buffer.AsSpan(offset));
            _at += n;
            return n;
        }
    }
}
