using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;

namespace CtcAlign.Pipeline;

/// <summary>
/// Do these captions belong to this audio? In the stretches of a part of the file with the most speech, the caption text
/// around each (by the caption times, or by its share of the text when the captions have none) is scored against the
/// emissions with <see cref="LocalCtcScore"/>, and so is the same text read backwards: text that is spoken there explains
/// the speech far better than its own letters in another order; another programme's text, or random words, no better.
/// The margin needs no absolute threshold, so a weak model or noisy audio (which lower both) does not make good captions
/// look foreign. A part's verdict is the stretch where the text does best (<see cref="Judge"/>); the file's is the median of its
/// parts' (<see cref="Parts"/>: beginning, middle, end and more in long files; <see cref="Combine"/>). Pure functions of their inputs.
/// </summary>
public static class CaptionMatchCheck
{
    /// <summary>Seconds of speech a character stands for when neither the captions nor the audio say how long the file is.</summary>
    private const double SecondsPerCharacter = 0.08;

    public static CaptionMatchVerdict Judge(IReadOnlyList<CaptionLine> captions, CaptionTokenizer tokenizer, EmissionMatrix emissions,
        double? durationSeconds, int blank, int? wordDelimiter, CaptionMatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || captions.Count == 0 || emissions.Frames == 0)
            return CaptionMatchVerdict.NotChecked;
        var stretchFrames = Math.Max(1, (int)Math.Round(options.StretchSeconds / emissions.FrameSeconds));
        var candidates = new List<(int From, int To, int Speech)>();
        for (var from = 0; from < emissions.Frames; from += stretchFrames)
        {
            var to = Math.Min(emissions.Frames, from + stretchFrames);
            var speech = 0;
            for (var t = from; t < to; t++)
                if (emissions.ArgMax(t) != blank)
                    speech++;
            if (speech >= options.MinSpeechFrames)
                candidates.Add((from, to, speech));
        }
        var chosen = candidates.OrderByDescending(c => c.Speech).ThenBy(c => c.From).Take(options.Stretches).OrderBy(c => c.From).ToList();
        if (chosen.Count == 0)
            return CaptionMatchVerdict.NotChecked;

        var tokens = captions.Select(c => tokenizer(c.Text).TokenIds).ToArray();
        var timed = captions.Count(c => c.Start is not null && c.End is not null) * 2 >= captions.Count;
        var totalCharacters = tokens.Sum(t => t.Length);
        var duration = durationSeconds is > 0 ? durationSeconds.Value : Math.Max(emissions.DurationSeconds, totalCharacters * SecondsPerCharacter);
        // the stretch where the text does best: a programme may open with untranscribed speech (trailers, adverts), which
        // scores like foreign text, but captions that belong find their speech in some stretch
        CaptionMatchVerdict? best = null;
        foreach (var (from, to, _) in chosen)
        {
            var start = emissions.TimeOf(from);
            var end = emissions.TimeOf(to);
            var lines = timed
                ? Enumerable.Range(0, captions.Count).Where(i => captions[i] is { Start: { } s, End: { } e }
                    && e >= start - options.TextMarginSeconds && s <= end + options.TextMarginSeconds)
                : LinesByShare(tokens, totalCharacters, Math.Max(0, start - Math.Max(options.TextMarginSeconds, 0.15 * duration)) / duration,
                    (end + Math.Max(options.TextMarginSeconds, 0.15 * duration)) / duration);
            var text = new List<int>();
            foreach (var i in lines)
            {
                if (text.Count > 0 && wordDelimiter is { } d && tokens[i].Length > 0 && tokens[i][0] != d && text[^1] != d)
                    text.Add(d);
                text.AddRange(tokens[i]);
            }
            var (gap, speech) = LocalCtcScore.Of(emissions, from, to, text, blank);
            text.Reverse();
            var reversed = LocalCtcScore.Of(emissions, from, to, text, blank).Gap;
            var verdict = new CaptionMatchVerdict(true, gap / speech, reversed / speech, chosen.Count, options.MinMargin);
            if (best is null || verdict.Margin > best.Margin)
                best = verdict;
        }
        return best!;
    }

    /// <summary>
    /// The parts of a file the check reads, as [start, end) seconds: the whole file when it is at most
    /// <see cref="CaptionMatchOptions.LookSeconds"/> long (or the first LookSeconds when its length is not known); its
    /// thirds when it is shorter than three parts; else a part at the start, one ending the file and evenly spaced ones
    /// between, an odd number in all (so one is in the middle) and about one per <see cref="CaptionMatchOptions.PartEverySeconds"/>
    /// of audio, so what is judged grows in proportion to the audio (a fifth of a long file with the defaults).
    /// </summary>
    public static IReadOnlyList<(double Start, double End)> Parts(double? durationSeconds, CaptionMatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var look = options.LookSeconds;
        if (durationSeconds is not { } d || !(d > 0))
            return [(0, look)];
        if (d <= look)
            return [(0, d)];
        if (d < 3 * look)
            return [(0, d / 3), (d / 3, 2 * d / 3), (2 * d / 3, d)];
        var n = Math.Max(3, (int)Math.Ceiling(d / Math.Max(look, options.PartEverySeconds)));
        n += 1 - n % 2; // odd: one part sits in the middle
        return Enumerable.Range(0, n).Select(i =>
        {
            var start = i == n - 1 ? d - look : i * (d - look) / (n - 1);
            return (start, Math.Min(d, start + look));
        }).ToList();
    }

    /// <summary>
    /// The file's verdict from its parts' (those not checked, without speech, do not count): the captions match when at least
    /// half of the checked parts match, and the scores given are those of the median part (the ceil(n/2)-th best margin), so one
    /// part of untranscribed speech (a trailer, adverts) does not refuse a file and one lucky part does not pass foreign text.
    /// </summary>
    public static CaptionMatchVerdict Combine(IEnumerable<CaptionMatchVerdict> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var judged = parts.Where(p => p.Checked).OrderByDescending(p => p.Margin).ToList();
        if (judged.Count == 0)
            return CaptionMatchVerdict.NotChecked;
        var median = judged[(judged.Count + 1) / 2 - 1];
        return median with
        {
            Stretches = judged.Sum(p => p.Stretches), Parts = judged.Count, PartsMatching = judged.Count(p => p.Matches),
        };
    }

    /// <summary>
    /// Whether the parts judged so far settle the file's verdict whatever the <paramref name="partsLeft"/> parts still to come
    /// say: true when they match (<see cref="Combine"/> matches however the rest turn out), false when they cannot match any
    /// more, null while open.
    /// </summary>
    public static bool? Settled(IReadOnlyCollection<CaptionMatchVerdict> parts, int partsLeft)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var matching = parts.Count(p => p.Checked && p.Matches);
        var failing = parts.Count(p => p.Checked && !p.Matches);
        if (matching >= failing + partsLeft && matching > 0)
            return true;
        if (failing > matching + partsLeft)
            return false;
        return null;
    }

    /// <summary>The lines whose text lies (at least partly) between the shares <paramref name="fromShare"/> and <paramref name="toShare"/> of all characters.</summary>
    private static IEnumerable<int> LinesByShare(int[][] tokens, int totalCharacters, double fromShare, double toShare)
    {
        var before = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var lineStart = before / (double)Math.Max(1, totalCharacters);
            before += tokens[i].Length;
            var lineEnd = before / (double)Math.Max(1, totalCharacters);
            if (lineEnd >= fromShare && lineStart <= toShare)
                yield return i;
        }
    }
}
