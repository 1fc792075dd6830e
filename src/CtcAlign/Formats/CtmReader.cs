using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>Reads CTM (5 or 6 fields a line; ';;' comments and blank lines skipped).</summary>
public static class CtmReader
{
    public static IReadOnlyList<CtmEntry> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CtmEntry> Parse(string text, string source)
    {
        var result = new List<CtmEntry>();
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith(";;", StringComparison.Ordinal))
                continue;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length is < 5 or > 6
                || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var channel)
                || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var duration))
                throw new CaptionFormatException($"{source}:{lineNumber}: malformed CTM line '{SrtReader.Shorten(line)}'");
            double? score = null;
            if (f.Length == 6)
            {
                if (!double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
                    throw new CaptionFormatException($"{source}:{lineNumber}: malformed CTM score '{f[5]}'");
                score = s;
            }
            result.Add(new CtmEntry(f[0], channel, start, duration, f[4], score));
        }
        return result;
    }
}
