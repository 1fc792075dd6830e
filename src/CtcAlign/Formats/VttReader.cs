namespace CtcAlign.Formats;

/// <summary>
/// Reads WebVTT captions, keeping what a re-timed file must carry: the header lines, NOTE, STYLE and REGION
/// blocks, cue identifiers, cue settings and each cue's text as written (voice, class and inline-time tags,
/// line breaks). Like <see cref="SrtReader"/> it goes on past malformed or reversed times, missing blank
/// lines, text after a blank line inside a cue, a missing WEBVTT line and cues out of order, with one
/// warning per kind of problem.
/// </summary>
public static class VttReader
{
    public static IReadOnlyList<CaptionLine> Read(string path) => Parse(CaptionTextDecoder.ReadFile(path), path);

    public static IReadOnlyList<CaptionLine> Parse(string text, string source) => ParseDocument(text, source).Lines;

    public static CaptionDocument ParseDocument(string text, string source)
    {
        var warnings = new CaptionWarnings(source);
        var lines = CaptionText.SplitLines(text, warnings);
        var header = new List<string>();
        var i = 0;
        if (lines[0].StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            while (i < lines.Length && lines[i].Trim().Length > 0 && !IsTiming(lines[i]))
                header.Add(lines[i++]);
            if (i < lines.Length && IsTiming(lines[i]))
                warnings.Add("no-blank", 1, i + 1, "no blank line before this cue");
        }
        else if (lines.Any(IsTiming))
        {
            warnings.Add("no-header", 0, 1, "the first line is not WEBVTT; read as WebVTT all the same");
            header.Add("WEBVTT");
        }
        else
        {
            throw new CaptionFormatException($"{source}:1: not a WebVTT file (the first line must start with WEBVTT)");
        }

        var blocks = new List<CaptionBlock>();
        var cues = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                i++;
                continue;
            }

            // (a "WEBVTT" line with "-->" in it is a timing line; tools/fuzz found this loop spinning on one)
            if (line.StartsWith("WEBVTT", StringComparison.Ordinal) && !IsTiming(line) && (i + 1 >= lines.Length || !IsTiming(lines[i + 1])))
            {
                warnings.Add("second-header", 0, i + 1, "a second WEBVTT header (files joined together?); skipped");
                i++;
                while (i < lines.Length && lines[i].Trim().Length > 0 && !IsTiming(lines[i]))
                    i++;
                continue;
            }

            if (IsVerbatimBlock(line))
            {
                var verbatim = new List<string>();
                while (i < lines.Length && lines[i].Trim().Length > 0)
                    verbatim.Add(lines[i++]);
                blocks.Add(CaptionBlock.Text(verbatim));
                continue;
            }

            var number = cues + 1;
            string? id = null;
            if (!IsTiming(line))
            {
                if (i + 1 < lines.Length && IsTiming(lines[i + 1]))
                {
                    id = lines[i++];
                    line = lines[i].Trim();
                }
                else
                {
                    var firstLine = i + 1;
                    var more = ReadText(lines, ref i, number, warnings);
                    var previousIndex = blocks.FindLastIndex(b => b.Cue is not null);
                    if (previousIndex < 0)
                    {
                        warnings.Add("before-first", number, firstLine, "text before the first timing line; read as a cue without times");
                        blocks.Add(CaptionBlock.Of(new CaptionCue(number, firstLine, null, null, null, "", more)));
                        cues++;
                    }
                    else
                    {
                        var previous = blocks[previousIndex].Cue!;
                        warnings.Add("blank-inside", previous.Number, firstLine, "a blank line inside the cue's text; the text after it is kept in the cue");
                        blocks[previousIndex] = CaptionBlock.Of(previous with { TextLines = [.. previous.TextLines, .. more] });
                    }
                    continue;
                }
            }

            var timingLine = i + 1;
            var problem = CaptionTimestamp.ParseTiming(line, out var start, out var end, out var settings);
            if (problem is not null)
                warnings.Add(problem, number, timingLine, $"{problem} '{SrtReader.Shorten(line)}'; its times are ignored");
            i++;
            var textLines = ReadText(lines, ref i, number + 1, warnings);
            blocks.Add(CaptionBlock.Of(new CaptionCue(number, timingLine, id, start, end, settings, textLines)));
            cues++;
        }

        return CaptionDocument.Build(CaptionFileKind.Vtt, header, blocks, source, text, warnings);
    }

    /// <summary>NOTE, STYLE and REGION blocks (kept as written, not read as cues).</summary>
    private static bool IsVerbatimBlock(string line) =>
        line == "NOTE" || line.StartsWith("NOTE ", StringComparison.Ordinal) || line.StartsWith("NOTE\t", StringComparison.Ordinal)
        || line == "STYLE" || line == "REGION";

    private static List<string> ReadText(string[] lines, ref int i, int nextNumber, CaptionWarnings warnings)
    {
        var text = new List<string>();
        while (i < lines.Length && lines[i].Trim().Length > 0)
        {
            if (IsTiming(lines[i]))
            {
                warnings.Add("no-blank", nextNumber, i + 1, "no blank line before this cue");
                break;
            }
            text.Add(lines[i++]);
        }
        return text;
    }

    private static bool IsTiming(string line) => line.Contains("-->", StringComparison.Ordinal);
}
