using CtcAlign.Alignment;
using CtcAlign.Formats;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// One composed programme (random lines from the sentence vocabulary, an intro, pauses up to 8 s, spoken lines missing
/// from the captions, captions never spoken, hints rounded and shifted or absent) whose emissions are repeated
/// <c>k</c> times back to back in one file, with its captions repeated at the same offsets: every copy is the same
/// audio and the same text, so every copy should be aligned the same way.
/// </summary>
internal sealed class RepeatedProgramme
{
    private RepeatedProgramme(EmissionMatrix emissions, List<CaptionLine> captions, int linesPerCopy, int copies, double copySeconds)
    {
        (Emissions, Captions, LinesPerCopy, Copies, CopySeconds) = (emissions, captions, linesPerCopy, copies, copySeconds);
    }

    public EmissionMatrix Emissions { get; }

    public List<CaptionLine> Captions { get; }

    public int LinesPerCopy { get; }

    public int Copies { get; }

    public double CopySeconds { get; }

    public static RepeatedProgramme Compose(int seed, int copies, int lines = 30, bool? hints = null, double breakSeconds = 0,
        double changedWords = 0)
    {
        var rng = new Random(seed);
        var vocabulary = string.Join(' ', Sentences).Split(' ').Select(w => w.Trim('.').ToLowerInvariant()).Distinct().ToArray();
        string RandomLine(int min, int max) => string.Join(' ', Enumerable.Range(0, rng.Next(min, max)).Select(_ => vocabulary[rng.Next(vocabulary.Length)]));
        var broadcast = new SyntheticBroadcast();
        var captioned = new List<SyntheticBroadcast.PlantedLine>();
        var t = 1 + rng.NextDouble() * 10;
        for (var i = 0; i < lines; i++)
        {
            t = broadcast.Say(RandomLine(4, 15), t) + 0.2 + rng.NextDouble() * (rng.NextDouble() < 0.1 ? 8 : 1);
            captioned.Add(broadcast.Truth[^1]);
            if (breakSeconds > 0 && i == lines / 2)
            {
                // A break without captions (a trailer, an advert): uncaptioned speech, then silence.
                var breakEnd = t + breakSeconds;
                while (t < breakEnd - 8)
                    t = broadcast.Say(RandomLine(4, 10), t) + 0.5;
                t = breakEnd;
            }
        }
        var useHints = hints ?? seed % 3 != 0;
        var shift = (rng.NextDouble() - 0.3) * 6;
        var programme = new List<CaptionLine>();
        foreach (var truth in captioned)
        {
            if (rng.NextDouble() < 0.1)
                continue;
            if (rng.NextDouble() < 0.08)
                programme.Add(new CaptionLine(0, NeverSpoken[rng.Next(2)],
                    useHints ? Math.Round(truth.Start + shift) : null, useHints ? Math.Round(truth.Start + shift + 1) : null));
            var text = truth.Text;
            if (rng.NextDouble() < changedWords)
            {
                // The captioner changed a word.
                var words = text.Split(' ');
                words[rng.Next(words.Length)] = vocabulary[rng.Next(vocabulary.Length)];
                text = string.Join(' ', words);
            }
            programme.Add(new CaptionLine(0, text,
                useHints ? Math.Round(truth.Start + shift) : null, useHints ? Math.Round(truth.End + shift) : null));
        }
        var one = broadcast.Build(t + 2, seed);
        var copySeconds = one.Frames * one.FrameSeconds;

        var v = one.VocabularySize;
        var values = new float[one.Frames * v * copies];
        for (var c = 0; c < copies; c++)
            Array.Copy(one.LogProbs, 0, values, c * one.Frames * v, one.Frames * v);
        var captions = new List<CaptionLine>();
        for (var c = 0; c < copies; c++)
            foreach (var line in programme)
                captions.Add(new CaptionLine(captions.Count, line.Text, line.Start + c * copySeconds, line.End + c * copySeconds));
        return new RepeatedProgramme(new EmissionMatrix(values, one.Frames * copies, v, one.FrameSeconds), captions,
            programme.Count, copies, copySeconds);
    }

    /// <summary>
    /// The lines (index within a copy) whose status, start, end or word times differ between two copies by more than
    /// <paramref name="toleranceSeconds"/>, leaving out the first and last <paramref name="boundaryLines"/> lines of
    /// each copy (their neighbours across the copy boundary differ). Each difference is described in words.
    /// </summary>
    /// <param name="warmUpLines">The first lines of the file, placed before IPFA has learned how far the caption times
    /// are off (the hint band needs <see cref="CtcAlign.LongForm.IpfaOptions.HintBandMinAnchors"/> anchors): for these,
    /// the second copy is the reference instead of the first.</param>
    /// <param name="neverSpokenStatusOnly">For the captions that were never spoken, compare the status only: with the hint
    /// band, such a line is pressed against its band's edge, which moves with the learned offset by a frame or two.</param>
    public List<string> Differences(IReadOnlyList<AlignedSegment> segments, double toleranceSeconds, int boundaryLines = 1, int warmUpLines = 0,
        bool neverSpokenStatusOnly = false)
    {
        var found = new List<string>();
        for (var i = boundaryLines; i < LinesPerCopy - boundaryLines; i++)
        {
            var reference = i < warmUpLines ? 1 : 0;
            var first = segments[reference * LinesPerCopy + i];
            for (var c = reference + 1; c < Copies; c++)
            {
                var other = segments[c * LinesPerCopy + i];
                var offset = (c - reference) * CopySeconds;
                var why = neverSpokenStatusOnly && NeverSpoken.Contains(first.Text)
                    ? first.Status == other.Status ? null : $"status {first.Status} vs {other.Status}"
                    : Compare(first, other, offset, toleranceSeconds);
                if (why is not null)
                    found.Add($"line {i} (\"{first.Text}\"), copy {reference + 1} vs copy {c + 1}: {why}");
            }
        }
        return found;
    }

    private static string? Compare(AlignedSegment a, AlignedSegment b, double offset, double tolerance)
    {
        if (a.Status != b.Status)
            return $"status {a.Status} vs {b.Status} ({a.StatusReason} / {b.StatusReason})";
        if (a.Start.HasValue != b.Start.HasValue)
            return "placed in one copy only";
        if (a.Start is null)
            return null;
        if (Math.Abs(a.Start.Value + offset - b.Start!.Value) > tolerance || Math.Abs(a.End!.Value + offset - b.End!.Value) > tolerance)
            return $"[{a.Start:0.00}, {a.End:0.00}] vs [{b.Start - offset:0.00}, {b.End - offset:0.00}] (copy offset removed)";
        if (a.Words.Count != b.Words.Count)
            return $"{a.Words.Count} vs {b.Words.Count} words";
        for (var w = 0; w < a.Words.Count; w++)
            if (Math.Abs(a.Words[w].Start + offset - b.Words[w].Start) > tolerance || Math.Abs(a.Words[w].End + offset - b.Words[w].End) > tolerance)
                return $"word {w} \"{a.Words[w].Word}\" [{a.Words[w].Start:0.00}, {a.Words[w].End:0.00}] vs [{b.Words[w].Start - offset:0.00}, {b.Words[w].End - offset:0.00}]";
        return null;
    }
}
