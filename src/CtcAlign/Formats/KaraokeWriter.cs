using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// Word-highlight ("karaoke") captions from the aligned words of a cue, in the cue's own text (markup, labels and sound
/// descriptions stay where they are; each aligned word is found in the text in order, and a word that is not found gets
/// no mark). Word times get the cue's offset and frame snapping and are kept inside the cue, in order. Only cues whose
/// line is <c>aligned</c> and has word times are highlighted; others are written as they are.
/// <list type="bullet">
/// <item>WebVTT: a timestamp tag <c>&lt;00:00:01.250&gt;</c> before each word that starts after the cue does (the
/// players' <c>::past</c>/<c>::future</c> styling).</item>
/// <item>ASS: <c>{\kf<i>cs</i>}</c> before each word, the centiseconds until the next word starts (the last word: until it
/// ends), and one before the first word for the time before it; lines that already hold <c>\k</c> tags are kept.</item>
/// <item>SRT: one cue per step, from the cue's start (nothing highlighted yet, when the first word starts later) and
/// from each word's start to the next one's, with the words spoken so far in <c>&lt;font color="#FFFF00"&gt;</c>.</item>
/// </list>
/// </summary>
public static partial class KaraokeWriter
{
    /// <summary>The colour of the words spoken so far in SRT.</summary>
    public const string SrtHighlight = "#FFFF00";

    /// <summary>True for the formats with word highlighting: srt, vtt, ass, and ttml/dfxp (timed spans, <see cref="TtmlCueDocumentWriter"/>).</summary>
    public static bool Supports(AlignmentFormat format) =>
        format is AlignmentFormat.Srt or AlignmentFormat.Vtt or AlignmentFormat.Ass or AlignmentFormat.Ttml or AlignmentFormat.Dfxp;

    [GeneratedRegex(@"<[^<>]*>|\{[^{}]*\}")]
    private static partial Regex Markup();

    [GeneratedRegex(@"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")]
    private static partial Regex Entity();

    /// <summary>Where one word lies in a cue's lines: the line and the raw character range of its visible text.</summary>
    internal readonly record struct WordPlace(int Line, int Start, int End);

    /// <summary>
    /// The word start times to mark (seconds, in order, inside [cue start, cue end]) and the last word's end, or null when the
    /// cue has none (not aligned, no words).
    /// </summary>
    internal static (double[] Starts, double LastEnd)? WordTimes(TimedCue cue, SubtitleOptions options)
    {
        if (cue.Kind != TimedCueKind.Aligned || cue.Segment is not { Words.Count: > 0 } segment)
            return null;
        var starts = new double[segment.Words.Count];
        var previous = cue.Start;
        for (var i = 0; i < starts.Length; i++)
            previous = starts[i] = Math.Clamp(Snap(segment.Words[i].Start + options.Offset, options), previous, cue.End);
        var lastEnd = Math.Clamp(Snap(segment.Words[^1].End + options.Offset, options), previous, cue.End);
        return (starts, lastEnd);
    }

    private static double Snap(double seconds, SubtitleOptions options) =>
        options.ExactFps is { } fps ? Math.Round(seconds * fps, MidpointRounding.AwayFromZero) / fps : seconds;

    /// <summary>
    /// The places of the words in the lines, in order, skipping markup (&lt;...&gt;, {...}) and reading entities and ASS
    /// hard spaces as the characters they stand for; null for a word not found after the previous one.
    /// </summary>
    internal static WordPlace?[] Locate(IReadOnlyList<string> lines, IReadOnlyList<string> words)
    {
        var visible = lines.Select(Visible).ToList();
        var places = new WordPlace?[words.Count];
        var (line, at) = (0, 0);
        for (var w = 0; w < words.Count; w++)
        {
            for (var l = line; l < lines.Count; l++)
            {
                var from = l == line ? at : 0;
                var i = visible[l].Text.IndexOf(words[w], from, StringComparison.Ordinal);
                if (i < 0)
                    i = visible[l].Text.IndexOf(words[w], from, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                    continue;
                var end = i + words[w].Length;
                places[w] = new WordPlace(l, visible[l].Raw[i], visible[l].Raw[end - 1] + visible[l].Width[end - 1]);
                (line, at) = (l, end);
                break;
            }
        }
        return places;
    }

    /// <summary>A line's visible text and, per visible character, its raw index and how many raw characters it takes.</summary>
    private static (string Text, int[] Raw, int[] Width) Visible(string line)
    {
        var text = new StringBuilder();
        var raw = new List<int>();
        var width = new List<int>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] is '<' or '{' && Markup().Match(line, i) is { Success: true } m && m.Index == i)
            {
                i += m.Length;
                continue;
            }
            if (line[i] == '&' && Entity().Match(line, i) is { Success: true } e && e.Index == i)
            {
                var decoded = WebUtility.HtmlDecode(e.Value);
                foreach (var ch in decoded)
                {
                    text.Append(ch == '\u00A0' ? ' ' : ch);
                    raw.Add(i);
                    width.Add(e.Length);
                }
                i += e.Length;
                continue;
            }
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is 'h' or 'n')
            {
                text.Append(' ');
                raw.Add(i);
                width.Add(2);
                i += 2;
                continue;
            }
            text.Append(line[i] == '\u00A0' ? ' ' : line[i]);
            raw.Add(i);
            width.Add(1);
            i++;
        }
        return (text.ToString(), raw.ToArray(), width.ToArray());
    }

    /// <summary>WebVTT lines with a timestamp tag before each word that starts after the cue (and after the previous mark).</summary>
    public static IReadOnlyList<string> Vtt(TimedCue cue, IReadOnlyList<string> lines, SubtitleOptions options)
    {
        if (WordTimes(cue, options) is not { } times)
            return lines;
        var places = Locate(lines, cue.Segment!.Words.Select(w => w.Word).ToList());
        var marks = new List<(WordPlace Place, string Tag)>();
        var last = CaptionTimestamp.FormatVtt(cue.Start);
        var end = CaptionTimestamp.FormatVtt(cue.End);
        for (var i = 0; i < places.Length; i++)
        {
            var stamp = CaptionTimestamp.FormatVtt(times.Starts[i]);
            if (places[i] is not { } place || string.CompareOrdinal(stamp, last) <= 0 || string.CompareOrdinal(stamp, end) >= 0)
                continue;
            marks.Add((place, $"<{stamp}>"));
            last = stamp;
        }
        return Insert(lines, marks);
    }

    /// <summary>ASS lines (before joining with \N) with {\kf} durations in centiseconds before each word.</summary>
    public static IReadOnlyList<string> Ass(TimedCue cue, IReadOnlyList<string> lines, SubtitleOptions options)
    {
        if (WordTimes(cue, options) is not { } times || lines.Any(l => l.Contains("\\k", StringComparison.Ordinal)))
            return lines;
        var places = Locate(lines, cue.Segment!.Words.Select(w => w.Word).ToList());
        var found = Enumerable.Range(0, places.Length).Where(i => places[i] is not null).ToList();
        if (found.Count == 0)
            return lines;
        static long Cs(double seconds) => (long)Math.Round(Math.Max(0, seconds) * 100, MidpointRounding.AwayFromZero);
        var marks = new List<(WordPlace Place, string Tag)>();
        var lead = Cs(times.Starts[found[0]]) - Cs(cue.Start);
        for (var k = 0; k < found.Count; k++)
        {
            var i = found[k];
            var until = Cs(HighlightUntil(found, k, places.Length, times, cue.End));
            var tag = $"{{\\kf{Math.Max(0, until - Cs(times.Starts[i]))}}}";
            if (k == 0 && lead > 0)
                tag = $"{{\\kf{lead}}}" + tag;
            marks.Add((places[i]!.Value, tag));
        }
        return Insert(lines, marks);
    }

    /// <summary>
    /// When the highlight of the k-th found word (<paramref name="found"/>: indexes of the words found in the text, in
    /// order) ends: when the next found word starts; the last found word until its own end when it is the segment's last
    /// word, else until the cue ends.
    /// </summary>
    internal static double HighlightUntil(IReadOnlyList<int> found, int k, int words, (double[] Starts, double LastEnd) times, double cueEnd) =>
        k + 1 < found.Count ? times.Starts[found[k + 1]] : found[k] == words - 1 ? times.LastEnd : cueEnd;

    /// <summary>SRT steps: each one's times and lines, the words spoken so far highlighted.</summary>
    public static IReadOnlyList<(double Start, double End, IReadOnlyList<string> Lines)> Srt(TimedCue cue, IReadOnlyList<string> lines, SubtitleOptions options)
    {
        if (WordTimes(cue, options) is not { } times)
            return [(cue.Start, cue.End, lines)];
        var places = Locate(lines, cue.Segment!.Words.Select(w => w.Word).ToList());
        var steps = new List<(double Start, double End, IReadOnlyList<string> Lines)>();
        static long Ms(double seconds) => (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        var stepStart = cue.Start;
        var spoken = new List<WordPlace>();
        for (var i = 0; i <= places.Length; i++)
        {
            var next = i < places.Length ? times.Starts[i] : cue.End;
            if (i < places.Length && places[i] is null)
                continue;
            if (Ms(next) > Ms(stepStart))
                steps.Add((stepStart, next, Highlight(lines, spoken)));
            if (i < places.Length)
            {
                spoken.Add(places[i]!.Value);
                stepStart = Math.Max(stepStart, next);
            }
        }
        return steps.Count > 0 ? steps : [(cue.Start, cue.End, lines)];
    }

    /// <summary>The lines with each given word wrapped in the highlight colour (markup inside a word split around).</summary>
    private static IReadOnlyList<string> Highlight(IReadOnlyList<string> lines, IReadOnlyList<WordPlace> words)
    {
        var open = $"<font color=\"{SrtHighlight}\">";
        const string close = "</font>";
        var marks = new List<(WordPlace Place, string Tag)>();
        foreach (var w in words)
        {
            var text = lines[w.Line][w.Start..w.End];
            var pieces = Markup().Matches(text);
            if (pieces.Count == 0)
            {
                marks.Add((w with { End = w.Start }, open));
                marks.Add((w with { Start = w.End }, close));
                continue;
            }
            var at = 0;
            foreach (Match m in pieces)
            {
                if (m.Index > at)
                {
                    marks.Add((w with { Start = w.Start + at, End = w.Start + at }, open));
                    marks.Add((w with { Start = w.Start + m.Index, End = w.Start + m.Index }, close));
                }
                at = m.Index + m.Length;
            }
            if (at < text.Length)
            {
                marks.Add((w with { Start = w.Start + at, End = w.Start + at }, open));
                marks.Add((w with { Start = w.End }, close));
            }
        }
        return Insert(lines, marks);
    }

    /// <summary>The lines with each tag inserted at its place's start (stable for tags at one place).</summary>
    private static IReadOnlyList<string> Insert(IReadOnlyList<string> lines, List<(WordPlace Place, string Tag)> marks)
    {
        var result = lines.ToArray();
        foreach (var group in marks.Select((m, order) => (m.Place, m.Tag, order)).GroupBy(m => m.Place.Line))
        {
            var line = result[group.Key];
            foreach (var (place, tag, _) in group.OrderByDescending(m => m.Place.Start).ThenByDescending(m => m.order))
                line = line.Insert(place.Start, tag);
            result[group.Key] = line;
        }
        return result;
    }
}
