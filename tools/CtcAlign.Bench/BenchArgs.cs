using System.Globalization;

namespace CtcAlign.Bench;

/// <summary>"--name value" options of the benchmarks.</summary>
internal static class BenchArgs
{
    public static string? String(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A comma list ("--window 30,60"); without the option, <paramref name="fallback"/>'s items, or one null item.</summary>
    public static string?[] List(string[] args, string name, string? fallback)
    {
        var s = String(args, name) ?? fallback;
        if (s is null)
            return [null];
        return s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static double Number(string? s) => double.Parse(s!, CultureInfo.InvariantCulture);

    public static double Double(string[] args, string name, double fallback) =>
        String(args, name) is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// The processor (Linux: the first "model name" of /proc/cpuinfo, its family and model numbers, and the widest
    /// vector extensions the int8 and float kernels use: AVX2, AVX-512, VNNI), or "unknown CPU". A bare "AMD EPYC"
    /// names several generations; family 25 is Zen 3/4, 26 is Zen 5.
    /// </summary>
    public static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
            return "unknown CPU";
        string? name = null, family = null, model = null;
        var flags = new HashSet<string>();
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.IndexOf(':') is not (var colon and > 0))
            {
                if (name is not null)
                    break; // the first processor's block is enough
                continue;
            }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name") name ??= value;
            else if (key == "cpu family") family ??= value;
            else if (key == "model") model ??= value;
            else if (key == "flags" && flags.Count == 0) flags.UnionWith(value.Split(' '));
        }
        if (name is null)
            return "unknown CPU";
        string[] isa = [.. new[] { "avx2", "avx512f", "avx512_vnni", "avx_vnni" }.Where(flags.Contains)];
        return $"{name} (family {family ?? "?"} model {model ?? "?"}; {(isa.Length > 0 ? string.Join(" ", isa) : "no AVX2")})";
    }

    /// <summary>"CPU: model, N cores, load average L": the machine a figure was taken on.</summary>
    public static string Machine() => $"CPU: {CpuModel()}, {Environment.ProcessorCount} cores, load average {LoadAverage()}";

    /// <summary>CPU seconds per hour of audio, the figure that compares across machines better than wall time.</summary>
    public static double CpuSecondsPerAudioHour(double cpuSeconds, double audioSeconds) =>
        audioSeconds > 0 ? cpuSeconds * 3600 / audioSeconds : double.NaN;

    /// <summary>The 1-minute load average (Linux), to read figures from a shared machine with care.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
