using System.Globalization;

namespace CtcAlign.Bench.Awp;

/// <summary>"--name value" pairs of a benchmark's command line.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values;

    private BenchArguments(Dictionary<string, string> values) => _values = values;

    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected --name value pairs; got '{args[i]}'.");
            values[args[i][2..]] = args[++i];
        }
        return new BenchArguments(values);
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double[] Doubles(string name, double fallback) =>
        _values.TryGetValue(name, out var v)
            ? v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()
            : [fallback];

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
