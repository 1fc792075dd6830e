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

    public static double Double(string[] args, string name, double fallback) =>
        String(args, name) is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The processor's model name (Linux: the first "model name" of /proc/cpuinfo), or "unknown CPU".</summary>
    public static string CpuModel()
    {
        if (File.Exists("/proc/cpuinfo"))
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        return "unknown CPU";
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
