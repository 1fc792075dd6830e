using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Reads Advanced SubStation Alpha / SubStation Alpha (.ass, .ssa) scripts. Each <c>Dialogue:</c> line of the
/// [Events] section is a cue: its fields as the section's <c>Format:</c> line orders them, times <c>H:MM:SS.cc</c>, its
/// text split at <c>\N</c> into lines (override tags such as <c>{\i1}</c> and <c>{\an8}</c> kept, left out of the
/// spoken text; its Name field, when set, as the speaker of its lines). Everything else (Script Info, styles, Format and Comment lines, fonts) is kept verbatim in its place,
/// so a re-timed script differs only in the Dialogue times. The cue's <see cref="CaptionCue.Settings"/> holds its
/// line with the times as <see cref="StartMark"/> and <see cref="EndMark"/>, up to the text.
/// </summary>
public static class AssReader
{
    public const string StartMark = "\u0001start\u0001";

    public const string EndMark = "\u0001end\u0001";

    private static readonly string[] DefaultFormat = ["Layer", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"];

    /// <summary>True when the text starts like a script ("[Script Info]").</summary>
    public static bool LooksLikeAss(string text) => text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("[Script Info]", StringComparison.OrdinalIgnoreCase);

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var warnings = new CaptionWarnings(source);
        var lines = CaptionText.SplitLines(text, warnings);
        var blocks = new List<CaptionBlock>();
        var verbatim = new List<string>();
        var inEvents = false;
        var format = DefaultFormat;
        var dialogues = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
                inEvents = trimmed.Equals("[Events]", StringComparison.OrdinalIgnoreCase);
            else if (inEvents && trimmed.StartsWith("Format:", StringComparison.OrdinalIgnoreCase))
                format = trimmed[7..].Split(',').Select(f => f.Trim()).ToArray();
            if (!inEvents || !trimmed.StartsWith("Dialogue:", StringComparison.OrdinalIgnoreCase))
            {
                verbatim.Add(line);
                continue;
            }
            if (verbatim.Count > 0)
            {
                blocks.Add(CaptionBlock.Text(verbatim));
                verbatim = [];
            }
            dialogues++;
            blocks.Add(CaptionBlock.Of(Dialogue(line, format, blocks.Count(b => b.Cue is not null) + 1, i + 1, warnings)));
        }
        if (verbatim.Count > 0)
            blocks.Add(CaptionBlock.Text(verbatim));
        if (dialogues == 0)
            throw new CaptionFormatException($"{source}: no 'Dialogue:' lines in an [Events] section; is it an ASS/SSA script?");
        return CaptionDocument.Build(CaptionFileKind.Ass, [], blocks, source, text, warnings);
    }

    private static CaptionCue Dialogue(string line, string[] format, int number, int fileLine, CaptionWarnings warnings)
    {
        var colon = line.IndexOf(':');
        var head = line[..(colon + 1)];
        var rest = line[(colon + 1)..];
        var fields = rest.Split(',', format.Length);
        var startField = Array.FindIndex(format, f => f.Equals("Start", StringComparison.OrdinalIgnoreCase));
        var endField = Array.FindIndex(format, f => f.Equals("End", StringComparison.OrdinalIgnoreCase));
        var textField = Array.FindIndex(format, f => f.Equals("Text", StringComparison.OrdinalIgnoreCase));
        if (textField != format.Length - 1 || fields.Length < format.Length || startField < 0 || endField < 0)
        {
            warnings.Add("malformed", number, fileLine, "a Dialogue line with fewer fields than its Format line; read as text without times");
            return new CaptionCue(number, fileLine, null, null, null, "", [rest.Trim()]);
        }
        double? start = null, end = null;
        if (CaptionTimestamp.TryParse(fields[startField], out var s) && CaptionTimestamp.TryParse(fields[endField], out var e) && e >= s)
            (start, end) = (s, e);
        else
            warnings.Add("times", number, fileLine, $"malformed or reversed times '{fields[startField].Trim()}', '{fields[endField].Trim()}'; its times are ignored");
        var template = fields.Take(format.Length - 1).Select((f, k) => k == startField ? StartMark : k == endField ? EndMark : f);
        var settings = head + string.Join(',', template) + ",";
        var textLines = fields[^1].Split(@"\N");
        var nameField = Array.FindIndex(format, f => f.Equals("Name", StringComparison.OrdinalIgnoreCase) || f.Equals("Actor", StringComparison.OrdinalIgnoreCase));
        var name = nameField >= 0 ? fields[nameField].Trim() : "";
        return new CaptionCue(number, fileLine, null, start, end, settings, textLines)
        {
            Speakers = name.Length > 0 ? textLines.Select(_ => (string?)name).ToList() : null,
        };
    }

    /// <summary>ASS time "H:MM:SS.cc" (centiseconds).</summary>
    public static string FormatTime(double seconds)
    {
        var cs = (long)Math.Round(Math.Max(0, seconds) * 100, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{cs / 360_000}:{cs / 6000 % 60:00}:{cs / 100 % 60:00}.{cs % 100:00}");
    }
}
