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

    /// <summary>The 1-minute load average (Linux), to read figures from a shared machine with care.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
