using System.Globalization;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes a Praat TextGrid (long text format) with two interval tiers, "segments" (caption text) and "words";
/// gaps are filled with empty intervals so each tier covers [0, duration]. Words as in <see cref="CtmWriter"/>: without
/// edge punctuation, compounds as their parts, or as the caption spells them with <paramref name="captionSpelling"/>.
/// </summary>
public static class TextGridWriter
{
    public static void Write(TextWriter writer, MediaAlignment media, bool captionSpelling = false)
    {
        var placed = media.Segments.Where(s => s.Status != SegmentStatus.NotAligned && s.Start is not null && s.End is not null).ToList();
        var segmentIntervals = placed.Select(s => (s.Start!.Value, s.End!.Value, s.Text)).ToList();
        var wordIntervals = placed.SelectMany(s => s.Words)
            .SelectMany(w => captionSpelling ? [new AlignedWordPart(w.Word, w.Start, w.End)] : w.SpokenParts())
            .Select(p => (p.Start, p.End, p.Word)).ToList();
        var xmax = Math.Max(media.DurationSeconds,
            segmentIntervals.Concat(wordIntervals).Select(i => i.Item2).DefaultIfEmpty(0).Max());

        writer.Write("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n");
        writer.Write(Invariant($"xmin = 0\nxmax = {xmax}\ntiers? <exists>\nsize = 2\nitem []:\n"));
        WriteTier(writer, 1, "segments", Fill(segmentIntervals, xmax));
        WriteTier(writer, 2, "words", Fill(wordIntervals, xmax));
    }

    private static List<(double Start, double End, string Text)> Fill(List<(double Start, double End, string Text)> intervals, double xmax)
    {
        var result = new List<(double, double, string)>();
        var t = 0.0;
        foreach (var (start, end, text) in intervals.OrderBy(i => i.Start))
        {
            var s = Math.Max(start, t);
            if (end <= s)
                continue; // overlaps what is already written: TextGrid tiers cannot overlap
            if (s > t)
                result.Add((t, s, ""));
            result.Add((s, end, text));
            t = end;
        }
        if (t < xmax || result.Count == 0)
            result.Add((t, Math.Max(xmax, t), ""));
        return result;
    }

    private static void WriteTier(TextWriter writer, int number, string name, List<(double Start, double End, string Text)> intervals)
    {
        var xmax = intervals[^1].End;
        writer.Write(Invariant($"    item [{number}]:\n        class = \"IntervalTier\"\n        name = \"{name}\"\n        xmin = 0\n        xmax = {xmax}\n        intervals: size = {intervals.Count}\n"));
        for (var i = 0; i < intervals.Count; i++)
        {
            var (start, end, text) = intervals[i];
            writer.Write(Invariant($"        intervals [{i + 1}]:\n            xmin = {start}\n            xmax = {end}\n            text = \"{text.Replace("\"", "\"\"")}\"\n"));
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
