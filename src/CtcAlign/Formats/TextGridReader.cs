using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>Reads the interval tiers of a Praat TextGrid in the long text format.</summary>
public static class TextGridReader
{
    public static IReadOnlyList<TextGridTier> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<TextGridTier> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length < 2 || !lines[0].Contains("ooTextFile", StringComparison.Ordinal) || !lines[1].Contains("TextGrid", StringComparison.Ordinal))
            throw new CaptionFormatException($"{source}:1: not a Praat TextGrid (expected 'File type = \"ooTextFile\"' and 'Object class = \"TextGrid\"')");

        var tiers = new List<TextGridTier>();
        string? name = null;
        List<TextGridInterval>? intervals = null;
        double? xmin = null, xmax = null;
        var inInterval = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("item [", StringComparison.Ordinal) && line != "item []:")
            {
                Flush();
                intervals = [];
                inInterval = false;
            }
            else if (intervals is not null && line.StartsWith("name =", StringComparison.Ordinal))
                name = Unquote(Value(line), source, i + 1);
            else if (intervals is not null && line.StartsWith("intervals [", StringComparison.Ordinal))
            {
                inInterval = true;
                xmin = xmax = null;
            }
            else if (inInterval && line.StartsWith("xmin =", StringComparison.Ordinal))
                xmin = Number(Value(line), source, i + 1);
            else if (inInterval && line.StartsWith("xmax =", StringComparison.Ordinal))
                xmax = Number(Value(line), source, i + 1);
            else if (inInterval && line.StartsWith("text =", StringComparison.Ordinal))
            {
                if (xmin is null || xmax is null)
                    throw new CaptionFormatException($"{source}:{i + 1}: interval text before its xmin and xmax");
                intervals!.Add(new TextGridInterval(xmin.Value, xmax.Value, Unquote(Value(line), source, i + 1)));
                inInterval = false;
            }
        }
        Flush();
        return tiers;

        void Flush()
        {
            if (intervals is not null)
                tiers.Add(new TextGridTier(name ?? "", intervals));
            name = null;
        }
    }

    private static string Value(string line) => line[(line.IndexOf('=') + 1)..].Trim();

    private static double Number(string value, string source, int lineNumber) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CaptionFormatException($"{source}:{lineNumber}: malformed number '{value}'");

    private static string Unquote(string value, string source, int lineNumber)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            throw new CaptionFormatException($"{source}:{lineNumber}: expected a quoted string, found '{SrtReader.Shorten(value)}'");
        return value[1..^1].Replace("\"\"", "\"");
    }
}
