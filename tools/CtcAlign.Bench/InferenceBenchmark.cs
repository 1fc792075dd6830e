using System.Diagnostics;
using CtcAlign.Acoustic;

namespace CtcAlign.Bench;

/// <summary>
/// `inference [--model DIR] [--minutes 5] [--threads N] [--batch 4] [--window 30] [--context 2] [--device auto]
/// [--precision both|auto|float32|int8] [--rounds 3]`: windowed ONNX inference speed on generated audio at the model's
/// rate, decoding excluded, as x real time and CPU-seconds per audio hour. With "both" (the default when the package
/// ships an int8 graph) the two graphs are timed in alternating rounds in one process, so their ratio is measured
/// side by side on a shared machine; each row reports the median round. The model defaults to CTCALIGN_MODEL or
/// models/default.
/// </summary>
public static class InferenceBenchmark
{
    public static int Run(string[] args)
    {
        var dir = DefaultModelLocator.Resolve(BenchArgs.String(args, "--model"));
        var minutes = BenchArgs.Double(args, "--minutes", 5);
        var threads = (int)BenchArgs.Double(args, "--threads", 0);
        var rounds = Math.Max(1, (int)BenchArgs.Double(args, "--rounds", 3));
        var device = Enum.Parse<InferenceDevice>(BenchArgs.String(args, "--device") ?? "auto", ignoreCase: true);
        var emission = new EmissionOptions(
            BenchArgs.Double(args, "--window", 30), BenchArgs.Double(args, "--context", 2), (int)BenchArgs.Double(args, "--batch", 4));
        var package = ModelPackage.Load(dir);
        var hasInt8 = package.Description.Precisions?.ContainsKey("int8") == true;
        var which = BenchArgs.String(args, "--precision") ?? (hasInt8 ? "both" : "float32");
        ModelPrecision[] precisions = which == "both" ? [ModelPrecision.Float32, ModelPrecision.Int8] : [ModelPrecisionNames.Parse(which)];

        var models = new List<(AcousticModel Model, double Load)>();
        foreach (var p in precisions)
        {
            var clock = Stopwatch.StartNew();
            models.Add((AcousticModel.Load(dir, new AcousticModelOptions(new OnnxFrameModelOptions(device, threads, Precision: p), emission)), clock.Elapsed.TotalSeconds));
        }
        try
        {
            var d = package.Description;
            var samples = (int)(minutes * 60 * d.SampleRate);
            var audio = new float[samples];
            var rng = new Random(3);
            for (var i = 0; i < samples; i++)
                audio[i] = (float)(0.1 * Math.Sin(i * 0.031) + 0.05 * (rng.NextDouble() - 0.5));
            var seconds = samples / (double)d.SampleRate;

            Console.WriteLine($"inference: model {d.Name} ({dir}), {models[0].Model.DeviceNote}, threads {(threads == 0 ? "default" : threads)}, " +
                              $"window {emission.WindowSeconds} s + {emission.ContextSeconds} s context, batch {emission.BatchSize}, {minutes:0.#} min of audio, " +
                              $"median of {rounds} alternating rounds; {BenchArgs.Machine()}");
            // Warm-up: one window each, so the first-run graph optimisation is not counted.
            foreach (var (m, _) in models)
                m.Emissions.ComputeAll(new ArraySampleProvider(audio.AsMemory(0, Math.Min(samples, m.Emissions.WindowSamples)), d.SampleRate));
            var walls = models.Select(_ => new List<double>()).ToArray();
            var cpus = models.Select(_ => new List<double>()).ToArray();
            var frames = new long[models.Count];
            for (var r = 0; r < rounds; r++)
                for (var k = 0; k < models.Count; k++)
                {
                    var (wall, cpu, n) = Time(models[k].Model, audio, d.SampleRate);
                    walls[k].Add(wall);
                    cpus[k].Add(cpu);
                    frames[k] = n;
                }
            var cpuPerHour = new double[models.Count];
            for (var k = 0; k < models.Count; k++)
            {
                var wall = Median(walls[k]);
                cpuPerHour[k] = Median(cpus[k]) * 3600 / seconds;
                Console.WriteLine($"  {ModelPrecisionNames.Name(models[k].Model.Precision),-8} {frames[k]} frames: {seconds / wall:0.0}x real time " +
                                  $"(wall {wall:0.00} s), {cpuPerHour[k]:0.0} CPU-s per audio hour; load {models[k].Load:0.00} s");
            }
            if (models.Count == 2)
                Console.WriteLine($"  int8 / float32 CPU time: {cpuPerHour[1] / cpuPerHour[0]:0.00}");
            return 0;
        }
        finally
        {
            foreach (var (m, _) in models)
                m.Dispose();
        }
    }

    private static (double Wall, double Cpu, long Frames) Time(AcousticModel model, float[] audio, int rate)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long frames = 0;
        foreach (var block in model.Emissions.ComputeBlocks(new ArraySampleProvider(audio, rate)))
            frames += block.Frames;
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds, frames);
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
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
