using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;

namespace CtcAlign.Pipeline;

/// <summary>
/// Do these captions belong to this audio? In the stretches of a part of the file with the most speech, the caption text
/// around each (by the caption times, or by its share of the text when the captions have none) is scored against the
/// emissions with <see cref="LocalCtcScore"/>, and so are the same words in reverse order (same words, same letters, no
/// sense; the letters reversed when the text is a single word): text that is spoken there explains the speech better than
/// its words in another order, another programme's text or random words no better (their margin is about 0 whatever the
/// text, as neither order is spoken). The scores are pooled over the part's stretches (sums of nats over the sum of speech
/// frames), so a stretch the captions leave out weighs as little as its speech, and no stretch is picked for doing best,
/// which let foreign text win by chance. The margin needs no absolute threshold, so a weak model or noisy audio (which
/// lower both scores) does not make good captions look foreign. The file's verdict is the median of its parts'
/// (<see cref="Parts"/>: beginning, middle, end and more in long files; <see cref="Combine"/>). Pure functions of their inputs.
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
            if (speech >= Math.Max(1, options.MinSpeechFrames))
                candidates.Add((from, to, speech));
        }
        var chosen = candidates.OrderByDescending(c => c.Speech).ThenBy(c => c.From).Take(options.Stretches).OrderBy(c => c.From).ToList();
        if (chosen.Count == 0)
            return CaptionMatchVerdict.NotChecked;

        var tokenized = captions.Select(c => tokenizer(c.Text)).ToArray();
        var words = tokenized.Select(t => Words(t, wordDelimiter)).ToArray();
        var tokens = tokenized.Select(t => t.TokenIds).ToArray();
        var timed = captions.Count(c => c.Start is not null && c.End is not null) * 2 >= captions.Count;
        var totalCharacters = tokens.Sum(t => t.Length);
        var duration = durationSeconds is > 0 ? durationSeconds.Value : Math.Max(emissions.DurationSeconds, totalCharacters * SecondsPerCharacter);
        double textGap = 0, decoyGap = 0;
        var speechFrames = 0;
        foreach (var (from, to, _) in chosen)
        {
            var start = emissions.TimeOf(from);
            var end = emissions.TimeOf(to);
            var lines = timed
                ? Enumerable.Range(0, captions.Count).Where(i => captions[i] is { Start: { } s, End: { } e }
                    && e >= start - options.TextMarginSeconds && s <= end + options.TextMarginSeconds)
                : LinesByShare(tokens, totalCharacters, Math.Max(0, start - Math.Max(options.TextMarginSeconds, 0.15 * duration)) / duration,
                    (end + Math.Max(options.TextMarginSeconds, 0.15 * duration)) / duration);
            var around = lines.SelectMany(i => words[i]).ToList();
            var (gap, speech) = LocalCtcScore.Of(emissions, from, to, Joined(around, wordDelimiter), blank);
            textGap += gap;
            decoyGap += LocalCtcScore.Of(emissions, from, to, Reordered(around, wordDelimiter), blank).Gap;
            speechFrames += speech;
        }
        speechFrames = Math.Max(1, speechFrames);
        return new CaptionMatchVerdict(true, textGap / speechFrames, decoyGap / speechFrames, chosen.Count, options.MinMargin);
    }

    /// <summary>
    /// The words of a tokenized text as token runs: split at the word delimiter where the model has one, else where the
    /// caption word changes (<see cref="TokenizedText.WordOfToken"/>).
    /// </summary>
    internal static List<int[]> Words(TokenizedText text, int? wordDelimiter)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int[]>();
        var current = new List<int>();
        for (var k = 0; k < text.TokenIds.Length; k++)
        {
            var token = text.TokenIds[k];
            var boundary = wordDelimiter is { } d
                ? token == d
                : k > 0 && k < text.WordOfToken.Length && text.WordOfToken[k] != text.WordOfToken[k - 1];
            if (boundary && current.Count > 0)
            {
                result.Add([.. current]);
                current.Clear();
            }
            if (wordDelimiter is not { } delimiter || token != delimiter)
                current.Add(token);
        }
        if (current.Count > 0)
            result.Add([.. current]);
        return result;
    }

    /// <summary>Words as one token sequence, the word delimiter (where the model has one) between them.</summary>
    internal static int[] Joined(IReadOnlyList<int[]> words, int? wordDelimiter)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = new List<int>();
        foreach (var word in words)
        {
            if (text.Count > 0 && wordDelimiter is { } d)
                text.Add(d);
            text.AddRange(word);
        }
        return [.. text];
    }

    /// <summary>
    /// The decoy the text is compared with: its words in reverse order, each spelled as it is; a single word (whose order
    /// cannot change) with its letters reversed.
    /// </summary>
    internal static int[] Reordered(IReadOnlyList<int[]> words, int? wordDelimiter)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count >= 2)
            return Joined(words.Reverse().ToList(), wordDelimiter);
        var text = Joined(words, wordDelimiter);
        Array.Reverse(text);
        return text;
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
