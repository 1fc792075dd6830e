using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CtcAlign.Bench;

/// <summary>
/// `pipeline [--model DIR] [--device auto|cpu|cuda] [--cache DIR] [--hours 1,3] [--batch-files 20] [--batch-minutes 3]
/// [--repeat 2] [--ctcalign PATH] [--skip-long] [--skip-batch]`: end-to-end `ctcalign align` runs as child processes on composed
/// broadcasts (tools/synth/compose.py, made once and cached in $CTCALIGN_CACHE/bench or ~/.cache/ctcalign/bench): a 1-hour
/// and a 3-hour file, then a batch of 20 short files with --jobs 1 and --jobs 2 (alternating, best of --repeat runs each),
/// and the same files as 20 separate commands. Prints x real time, busy time per
/// stage and peak memory, each from the child's own --stats line. Build the CLI first: dotnet build -c Release src/CtcAlign.Cli.
/// </summary>
public static partial class PipelineBenchmark
{
    public const string Help = "end-to-end `ctcalign align` on composed 1 h / 3 h broadcasts and a 20-file batch (--jobs 1 vs 2) [--model DIR[,DIR2]] [--device D] [--hours 1,3] [--precisions float32,auto]";

    public static int Run(string[] args)
    {
        var root = RepoRoot();
        var cache = BenchArgs.String(args, "--cache")
            ?? Path.Combine(Environment.GetEnvironmentVariable("CTCALIGN_CACHE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ctcalign"), "bench");
        var ctcalign = BenchArgs.String(args, "--ctcalign") ?? Path.Combine(root, "src/CtcAlign.Cli/bin/Release/net10.0/ctcalign.dll");
        if (!File.Exists(ctcalign))
        {
            Console.Error.WriteLine($"{ctcalign} not found: build it first with `dotnet build -c Release src/CtcAlign.Cli`");
            return 2;
        }
        var common = new List<string> { "--stats", "--no-progress", "--device", BenchArgs.String(args, "--device") ?? "auto" };
        // --model A,B: the long broadcasts run with each model (the batch with the first)
        var models = BenchArgs.List(args, "--model", null).Select(m => m is null ? null : Path.GetFullPath(m)).ToArray();
        string[] ModelArgs(string? m) => m is null ? [] : ["--model", m];
        // each long broadcast once per model and precision, alternating (float32 first), so their ratios are measured
        // side by side
        var precisions = (BenchArgs.String(args, "--precisions") ?? "auto").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var variants = (from m in models from p in precisions select (Model: m, Precision: p)).ToList();
        var hours = (BenchArgs.String(args, "--hours") ?? "1,3").Split(',').Select(h => double.Parse(h, CultureInfo.InvariantCulture)).ToList();
        var files = (int)BenchArgs.Double(args, "--batch-files", 20);
        var batchMinutes = BenchArgs.Double(args, "--batch-minutes", 3);
        Directory.CreateDirectory(cache);
        var work = Path.Combine(Path.GetTempPath(), "ctcalign-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        Console.WriteLine($"ctcalign {ctcalign}; {BenchArgs.Machine()}; args {string.Join(' ', common)}; models {string.Join(", ", models.Select(m => m ?? "default"))}");
        try
        {
            var runs = new List<(string Name, Result Result)>();
            if (!args.Contains("--skip-long"))
                foreach (var h in hours)
                {
                    var minutes = (int)Math.Round(h * 60);
                    var seed = minutes switch { 60 => 101, 180 => 103, _ => 100 + minutes };
                    var media = Compose(root, Path.Combine(cache, $"b{minutes}-s{seed}"), minutes, seed);
                    var cpu = new List<double>();
                    for (var v = 0; v < variants.Count; v++)
                    {
                        var (variantModel, precision) = variants[v];
                        var db = Path.Combine(work, $"b{minutes}-{v}.db");
                        var result = Align(ctcalign, [media + ".wav", "--captions", media + ".srt", "--db", db, "--precision", precision,
                            .. common, .. ModelArgs(variantModel)]);
                        var name = $"{h:0.##} h broadcast, {(models.Length > 1 ? Path.GetFileName(variantModel) + " " : "")}--precision {precision}";
                        if (v == 0)
                            runs.Add((name, result));
                        Print(name, result);
                        cpu.Add(result.CpuSecondsPerAudioHour);
                    }
                    for (var v = 1; v < cpu.Count; v++)
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  CPU per audio hour, variant {v + 1} / variant 1: {cpu[v] / cpu[0]:0.00}"));
                }
            if (runs.Count >= 2)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"peak memory {runs[^1].Name} / {runs[0].Name}: {runs[^1].Result.PeakMegabytes / runs[0].Result.PeakMegabytes:0.00}"));

            if (!args.Contains("--skip-batch") && files > 0)
            {
                var manifest = Path.Combine(work, "batch.jsonl");
                var lines = new List<string>();
                var medias = new List<string>();
                for (var i = 0; i < files; i++)
                {
                    var media = Compose(root, Path.Combine(cache, "batch", $"f{i:00}-s{200 + i}"), batchMinutes, 200 + i);
                    medias.Add(media);
                    lines.Add(JsonSerializer.Serialize(new { id = $"f{i:00}", audio = media + ".wav", captions = media + ".srt" }));
                }
                File.WriteAllLines(manifest, lines);
                // Alternating runs, best of each: on a shared machine one run alone says little.
                var repeat = Math.Max(1, (int)BenchArgs.Double(args, "--repeat", 2));
                Result? one = null, two = null;
                for (var r = 0; r < repeat; r++)
                    foreach (var jobs in new[] { 1, 2 })
                    {
                        var db = Path.Combine(work, $"jobs{jobs}-{r}.db");
                        var result = Align(ctcalign, ["--manifest", manifest, "--db", db, "--jobs", jobs.ToString(CultureInfo.InvariantCulture), .. common, .. ModelArgs(models[0])]);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {r + 1}, --jobs {jobs}: {result.WallSeconds:0.0} s"));
                        if (jobs == 1 && (one is null || result.WallSeconds < one.WallSeconds))
                            one = result;
                        if (jobs == 2 && (two is null || result.WallSeconds < two.WallSeconds))
                            two = result;
                    }
                Print($"{files} files x {batchMinutes:0.#} min, --jobs 1 (best of {repeat})", one!);
                Print($"{files} files x {batchMinutes:0.#} min, --jobs 2 (best of {repeat})", two!);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"--jobs 2 vs --jobs 1: {one!.WallSeconds / two!.WallSeconds:0.00}x as fast ({one.WallSeconds:0.0} s -> {two.WallSeconds:0.0} s)"));

                // The same files one command each, as a shell loop would run them (model loading every time).
                var separate = 0.0;
                foreach (var media in medias)
                    separate += Align(ctcalign, [media + ".wav", "--captions", media + ".srt", "--db", Path.Combine(work, "one-by-one.db"), .. common, .. ModelArgs(models[0])]).WallSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{files} separate `ctcalign align` commands, one after another: {separate:0.0} s; the --jobs 2 batch is {separate / two.WallSeconds:0.00}x as fast"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Result(double WallSeconds, double AudioSeconds, string Summary, string Stats, double PeakMegabytes, double CpuSeconds)
    {
        public double RealTime => AudioSeconds / WallSeconds;

        /// <summary>The child's own CPU time (its --stats line: every thread, ONNX Runtime's included) per hour of audio.</summary>
        public double CpuSecondsPerAudioHour => AudioSeconds > 0 ? CpuSeconds * 3600 / AudioSeconds : double.NaN;
    }

    private static void Print(string name, Result r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {r.AudioSeconds / 3600:0.00} h of audio in {r.WallSeconds:0.0} s wall (process start to exit) = {r.RealTime:0.0}x real time, {r.CpuSecondsPerAudioHour:0.0} CPU-s per audio hour; peak memory {r.PeakMegabytes:0} MB\n  summary: {r.Summary}\n  {r.Stats}"));

    /// <summary>Runs `ctcalign align ARGS` and reads its summary and --stats lines.</summary>
    private static Result Align(string ctcalign, string[] alignArgs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ctcalign);
        start.ArgumentList.Add("align");
        foreach (var a in alignArgs)
            start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalSeconds;
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = lines.FirstOrDefault(l => l.Contains("file(s):")) ?? "";
        var stats = lines.FirstOrDefault(l => l.StartsWith("stages:", StringComparison.Ordinal)) ?? "";
        if (process.ExitCode != 0 || stats.Length == 0)
            throw new InvalidOperationException($"ctcalign align exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        var audio = AudioPattern().Match(summary) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch { "h" => 3600, "min" => 60, _ => 1 }
            : 0;
        var peak = double.Parse(PeakPattern().Match(stats).Groups[1].Value, CultureInfo.InvariantCulture);
        var cpu = double.Parse(CpuPattern().Match(stats).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Result(wall, audio, summary, stats, peak, cpu);
    }

    /// <summary>Composes a broadcast with captions once (the cache keeps it).</summary>
    internal static string Compose(string root, string output, double minutes, int seed)
    {
        if (File.Exists(output + ".srt") && File.Exists(output + ".wav"))
            return output;
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        Console.Error.WriteLine($"composing {output} ({minutes} min, seed {seed}); cached for later runs");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(root, "tools/synth/compose.py"), "--out", output, "--minutes", minutes.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output + ".srt"))
            throw new InvalidOperationException($"compose.py failed ({process.ExitCode}): {stderr.Result}");
        return output;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CtcAlign.sln")))
                return dir.FullName;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CtcAlign.sln")))
                return dir.FullName;
        throw new InvalidOperationException("run the benchmark inside the CtcAlign repository");
    }

    [GeneratedRegex(@"; ([\d.]+) (h|min|s) of audio aligned")]
    private static partial Regex AudioPattern();

    [GeneratedRegex(@"peak memory (\d+) MB")]
    private static partial Regex PeakPattern();

    [GeneratedRegex(@"; CPU ([\d.]+) s;")]
    private static partial Regex CpuPattern();
}
