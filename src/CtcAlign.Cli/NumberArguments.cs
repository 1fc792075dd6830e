using System.Globalization;
using System.Reflection;
using CommandLine;

namespace CtcAlign.Cli;

/// <summary>
/// Checks numeric option values before CommandLineParser reads them: it accepts thousands separators, so
/// "--threshold=-2,5" would become -25. Only invariant-culture numbers (a dot for decimals, no separators) pass.
/// </summary>
internal static class NumberArguments
{
    /// <summary>The first numeric option whose value is not an invariant-culture number, as a one-line error; null when all are.</summary>
    public static string? FindError(string[] args, IEnumerable<Type> verbTypes)
    {
        var numeric = new Dictionary<string, bool>(StringComparer.Ordinal); // "--name" or "-n" -> is integer
        foreach (var type in verbTypes)
            foreach (var property in type.GetProperties())
            {
                if (property.GetCustomAttribute<OptionAttribute>() is not { } option)
                    continue;
                var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                bool? isInteger = t == typeof(double) || t == typeof(float) ? false : t == typeof(int) || t == typeof(long) ? true : null;
                if (isInteger is not { } integer)
                    continue;
                if (!string.IsNullOrEmpty(option.LongName))
                    numeric.TryAdd("--" + option.LongName, integer);
                if (!string.IsNullOrEmpty(option.ShortName))
                    numeric.TryAdd("-" + option.ShortName, integer);
            }
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            var name = eq > 0 ? arg[..eq] : arg;
            if (!numeric.TryGetValue(name, out var integer))
                continue;
            string value;
            if (eq > 0)
                value = arg[(eq + 1)..];
            else if (i + 1 < args.Length)
                value = args[++i];
            else
                continue; // CommandLineParser reports the missing value
            var ok = integer
                ? long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out _);
            if (!ok)
                return $"{name}: '{value}' is not {(integer ? "a whole number" : "a number")} (write decimals with a dot, e.g. -2.5, and no thousands separators); see --help";
        }
        return null;
    }
}
