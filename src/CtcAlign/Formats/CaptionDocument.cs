namespace CtcAlign.Formats;

/// <summary>
/// A caption file as read: its header (WebVTT's first lines), its blocks in file order (cues and verbatim
/// NOTE/STYLE/REGION blocks), the caption lines the aligner gets (one per cue with spoken text, spoken text
/// only) and the warnings the reader had. Writers re-time the cues and keep everything else.
/// </summary>
public sealed class CaptionDocument
{
    private CaptionDocument(CaptionFileKind kind, IReadOnlyList<string> header, IReadOnlyList<CaptionBlock> blocks,
        IReadOnlyList<CaptionLine> lines, IReadOnlyList<string> warnings, string source, string text)
    {
        Source = source;
        Text = text;
        Kind = kind;
        Header = header;
        Blocks = blocks;
        Cues = blocks.Where(b => b.Cue is not null).Select(b => b.Cue!).ToList();
        Lines = lines;
        Warnings = warnings;
    }

    public CaptionFileKind Kind { get; }

    /// <summary>Where the text came from (a path, or "--text"), as given to the reader.</summary>
    public string Source { get; }

    /// <summary>The whole text as read; <see cref="CaptionReader.Parse"/> of <see cref="Text"/> and <see cref="Source"/> gives this document again.</summary>
    public string Text { get; }

    /// <summary>WebVTT: the WEBVTT line and the header lines after it; empty for other kinds.</summary>
    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CaptionBlock> Blocks { get; }

    public IReadOnlyList<CaptionCue> Cues { get; }

    /// <summary>The caption lines to align, 0-based, one per cue with spoken text.</summary>
    public IReadOnlyList<CaptionLine> Lines { get; }

    /// <summary>The programme's start timecode the file itself declares (EBU STL's TCP), in seconds; null when it names none.</summary>
    public double? DeclaredTimecodeBase { get; internal set; }

    /// <summary>SCC: the caption channel the cues were read from (1: CC1, 2: CC2); null for other kinds.</summary>
    public int? SccChannel { get; internal set; }

    /// <summary>One line per kind of problem found while reading (the file was read all the same).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Lines of text longer than this are reported (captions are usually under 50 characters a line).</summary>
    public const int LongLineCharacters = 500;

    /// <summary>A document of one plain cue per line (no file known): each line's text, times and index as given.</summary>
    public static CaptionDocument OfLines(IReadOnlyList<CaptionLine> lines)
    {
        var blocks = lines.Select((l, i) => CaptionBlock.Of(
            new CaptionCue(i + 1, i + 1, null, l.Start, l.End, "", [l.Text]) { LineIndex = l.Index })).ToList();
        return new CaptionDocument(CaptionFileKind.PlainText, [], blocks, lines, [], "", string.Join('\n', lines.Select(l => l.Text)));
    }

    /// <summary>
    /// Numbers the cues that have spoken text as caption lines, marks sound-only cues, checks the order of
    /// the cue times (out of order, overlapping: reported, kept, since times are only hints) and throws when
    /// no cue has text.
    /// </summary>
    internal static CaptionDocument Build(CaptionFileKind kind, IReadOnlyList<string> header, IReadOnlyList<CaptionBlock> blocks,
        string source, string text, CaptionWarnings warnings)
    {
        var lines = new List<CaptionLine>();
        var result = new List<CaptionBlock>(blocks.Count);
        CaptionCue? previousTimed = null;
        var anyText = false;
        foreach (var block in blocks)
        {
            if (block.Cue is not { } read)
            {
                result.Add(block);
                continue;
            }
            var cue = read;
            if (kind == CaptionFileKind.Vtt)
                cue = cue with { Speakers = CaptionText.VoiceSpeakers(cue.TextLines) };
            var longest = cue.TextLines.Count == 0 ? 0 : cue.TextLines.Max(l => l.Length);
            if (longest > LongLineCharacters && kind != CaptionFileKind.PlainText)
                warnings.Add("long-line", cue.Number, cue.FileLine, $"a text line of {longest} characters");
            if (cue.Start is { } start && previousTimed is { Start: { } prevStart, End: { } prevEnd })
            {
                if (start < prevStart)
                    warnings.Add("out-of-order", cue.Number, cue.FileLine,
                        $"starts before cue {previousTimed.Number} (times are only hints; the file's order is kept)");
                else if (start < prevEnd - 1e-9)
                    warnings.Add("overlap", cue.Number, cue.FileLine, $"overlaps cue {previousTimed.Number}");
            }
            if (cue.Start is not null)
                previousTimed = cue;

            var display = CaptionText.Clean(cue.TextLines);
            var spoken = CaptionText.Spoken(cue.TextLines);
            anyText |= display.Length > 0;
            if (spoken.Length > 0)
            {
                result.Add(CaptionBlock.Of(cue with { LineIndex = lines.Count }));
                lines.Add(new CaptionLine(lines.Count, spoken, cue.Start, cue.End));
            }
            else
            {
                result.Add(CaptionBlock.Of(cue with { IsSoundOnly = display.Length > 0 }));
            }
        }
        if (lines.Count == 0)
            throw new CaptionFormatException(anyText ? $"{source}: no spoken captions (only sound descriptions or speaker labels)" : $"{source}: no captions with text");
        return new CaptionDocument(kind, header, result, lines, warnings.Lines(), source, text);
    }
}
