using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CtcAlign.Acoustic;

namespace CtcAlign.Bench;

/// <summary>
/// `inference [--model DIR[,DIR2]] [--minutes 5] [--threads N[,N2]] [--batch 4[,B2]] [--window 30[,W2]] [--context 2[,C2]]
/// [--device auto] [--precision both|auto|float32|int8[,...]] [--rounds 3] [--profile PREFIX]`: windowed ONNX inference
/// speed on generated audio at the model's rate, decoding excluded, as x real time and CPU-seconds per audio hour.
/// Every option that takes a comma list adds settings: each combination is one configuration, and all of them are
/// timed in alternating rounds in one process, so their ratios are measured side by side on a shared machine; each
/// row reports the median round and its CPU time relative to the first configuration. "both" (the default when the
/// package ships an int8 graph) is float32,int8. The model defaults to CTCALIGN_MODEL or models/default.
/// With --profile, ONNX Runtime profiles every configuration (one JSON file each, PREFIX_*) and the share of
/// operator time per operator type is printed.
/// </summary>
public static class InferenceBenchmark
{
    public const string Help =
        "windowed ONNX inference speed (x real time, CPU-s per audio hour); comma lists compare settings side by side " +
        "[--model DIR[,DIR2]] [--minutes 5] [--threads N[,N]] [--batch 4[,B]] [--window 30[,W]] [--context 2[,C]] [--device auto] " +
        "[--precision both|auto|float32|int8[,...]] [--rounds 3] [--profile PREFIX]";

    private sealed record Setting(string Model, ModelPrecision Precision, int Threads, EmissionOptions Emission)
    {
        public string Label(bool withModel) =>
            (withModel ? Path.GetFileName(Model.TrimEnd('/')) + " " : "") +
            $"{ModelPrecisionNames.Name(Precision)} threads {(Threads == 0 ? "default" : Threads)} window {Emission.WindowSeconds}+2x{Emission.ContextSeconds} s batch {Emission.BatchSize}";
    }

    public static int Run(string[] args)
    {
        var dirs = BenchArgs.List(args, "--model", null).Select(DefaultModelLocator.Resolve).ToArray();
        var minutes = BenchArgs.Double(args, "--minutes", 5);
        var rounds = Math.Max(1, (int)BenchArgs.Double(args, "--rounds", 3));
        var device = Enum.Parse<InferenceDevice>(BenchArgs.String(args, "--device") ?? "auto", ignoreCase: true);
        var profile = BenchArgs.String(args, "--profile");
        var threads = BenchArgs.List(args, "--threads", "0").Select(s => int.Parse(s!, CultureInfo.InvariantCulture)).ToArray();
        var windows = BenchArgs.List(args, "--window", "30").Select(BenchArgs.Number).ToArray();
        var contexts = BenchArgs.List(args, "--context", "2").Select(BenchArgs.Number).ToArray();
        var batches = BenchArgs.List(args, "--batch", "4").Select(s => int.Parse(s!, CultureInfo.InvariantCulture)).ToArray();
        var package = ModelPackage.Load(dirs[0]);
        var hasInt8 = package.Description.Precisions?.ContainsKey("int8") == true;
        var precisions = BenchArgs.List(args, "--precision", hasInt8 ? "both" : "float32")
            .SelectMany(p => p == "both" ? new[] { ModelPrecision.Float32, ModelPrecision.Int8 } : [ModelPrecisionNames.Parse(p!)]).ToArray();

        var settings = (from dir in dirs
                        from p in precisions
                        from t in threads
                        from w in windows
                        from c in contexts
                        from b in batches
                        select new Setting(dir, p, t, new EmissionOptions(w, c, b))).ToList();
        var models = new List<(AcousticModel Model, double Load)>();
        try
        {
            for (var k = 0; k < settings.Count; k++)
            {
                var s = settings[k];
                var clock = Stopwatch.StartNew();
                var onnx = new OnnxFrameModelOptions(device, s.Threads, Precision: s.Precision,
                    ProfileFilePrefix: profile is null ? null : $"{profile}_{k}");
                models.Add((AcousticModel.Load(s.Model, new AcousticModelOptions(onnx, s.Emission)), clock.Elapsed.TotalSeconds));
            }
            var d = package.Description;
            var samples = (int)(minutes * 60 * d.SampleRate);
            var audio = new float[samples];
            var rng = new Random(3);
            for (var i = 0; i < samples; i++)
                audio[i] = (float)(0.1 * Math.Sin(i * 0.031) + 0.05 * (rng.NextDouble() - 0.5));
            var seconds = samples / (double)d.SampleRate;

            Console.WriteLine($"inference: model {d.Name} ({string.Join(", ", dirs)}), {models[0].Model.DeviceNote}, {minutes:0.#} min of audio, " +
                              $"median of {rounds} alternating rounds; {BenchArgs.Machine()}");
            // Warm-up: one batch each, so the first-run graph optimisation and arena growth are not counted.
            foreach (var (m, _) in models)
                m.Emissions.ComputeAll(new ArraySampleProvider(audio.AsMemory(0, Math.Min(samples, m.Emissions.WindowSamples * m.Emissions.Layout.BatchSize + 1)), d.SampleRate));
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
            var withModel = dirs.Length > 1;
            for (var k = 0; k < models.Count; k++)
            {
                var wall = Median(walls[k]);
                cpuPerHour[k] = BenchArgs.CpuSecondsPerAudioHour(Median(cpus[k]), seconds);
                var spread = string.Join(" ", cpus[k].Select(c => BenchArgs.CpuSecondsPerAudioHour(c, seconds).ToString("0.0", CultureInfo.InvariantCulture)));
                Console.WriteLine($"  {settings[k].Label(withModel)}: {frames[k]} frames, {seconds / wall:0.0}x real time " +
                                  $"(wall {wall:0.00} s), {cpuPerHour[k]:0.0} CPU-s per audio hour (rounds: {spread})" +
                                  (k > 0 ? $", {cpuPerHour[k] / cpuPerHour[0]:0.00}x the first" : "") + $"; load {models[k].Load:0.00} s");
            }
            if (profile is not null)
                for (var k = 0; k < models.Count; k++)
                    PrintProfile(settings[k].Label(withModel), models[k].Model.EndProfiling());
            return 0;
        }
        finally
        {
            foreach (var (m, _) in models)
                m.Dispose();
        }
    }


    /// <summary>Operator time per operator type from an ONNX Runtime profile (its "Node" events' kernel times).</summary>
    private static void PrintProfile(string label, string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var byOp = new Dictionary<string, double>();
        var byNode = new Dictionary<string, double>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("cat").GetString() != "Node" || !e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal))
                continue;
            var op = e.GetProperty("args").TryGetProperty("op_name", out var o) ? o.GetString() ?? "?" : "?";
            var us = e.GetProperty("dur").GetDouble();
            byOp[op] = byOp.GetValueOrDefault(op) + us;
            var node = e.GetProperty("name").GetString()![..^"_kernel_time".Length];
            byNode[node] = byNode.GetValueOrDefault(node) + us;
        }
        var total = byOp.Values.Sum();
        Console.WriteLine($"  profile of {label} ({path}): {total / 1e6:0.00} s of operator time");
        foreach (var (op, us) in byOp.OrderByDescending(x => x.Value))
            Console.WriteLine($"    {op,-28} {100 * us / total,5:0.0}%");
        Console.WriteLine("    slowest nodes: " + string.Join(", ", byNode.OrderByDescending(x => x.Value).Take(8).Select(x => $"{x.Key} {100 * x.Value / total:0.0}%")));
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
