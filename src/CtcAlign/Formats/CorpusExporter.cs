using System.Text;
using CtcAlign.Alignment;
using CtcAlign.Text;
using NAudio.Wave;

namespace CtcAlign.Formats;

/// <summary>
/// Builds an ASR training corpus from stored alignments: picks segments (<see cref="CorpusExportOptions"/>), splits
/// lines longer than the maximum duration at the pauses between their words (<see cref="PauseSplitter"/>), pads each
/// clip into the surrounding silence without reaching a neighbouring word, cuts it into
/// <c>clips/&lt;utterance-id&gt;.wav</c> (16 kHz mono 16-bit PCM; Kaldi only with <see cref="CorpusExportOptions.CutClips"/>)
/// and writes the layout's metadata files. Clip durations are exact to the sample.
/// </summary>
public static class CorpusExporter
{
    public const string ClipFolder = "clips";

    /// <summary>How far (seconds) a word may lie outside its line's span before the line is left out of a corpus.</summary>
    public const double WordOutsideTolerance = 0.05;

    /// <summary>
    /// Segments taken into a corpus: placed, non-empty text, and aligned (or rho &gt;= MinConfidence, p_correct &gt;= MinP
    /// when given).
    /// </summary>
    public static bool Takes(AlignedSegment s, CorpusExportOptions options) =>
        s.Status != SegmentStatus.NotAligned && s.Start is not null && s.End is not null && s.End > s.Start
        && (options.MinConfidence is { } min ? s.Rho >= min : options.MinP is not null || s.Status == SegmentStatus.Aligned)
        && (options.MinP is not { } minP || s.PCorrect >= minP)
        && TextOf(s, options).Length > 0;

    public static CorpusExportResult Export(
        CorpusFormat format, string outDir, IReadOnlyList<MediaAlignment> media, IClipSource clips,
        CorpusExportOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var cut = options.CutClips || format != CorpusFormat.Kaldi;
        var plan = Plan(media, options);
        var utterances = new List<CorpusUtterance>(plan.Utterances.Count);
        if (cut)
            Directory.CreateDirectory(Path.Combine(outDir, ClipFolder));
        else
            Directory.CreateDirectory(outDir);
        foreach (var u in plan.Utterances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!cut)
            {
                utterances.Add(u);
                continue;
            }
            var clipPath = $"{ClipFolder}/{u.UtteranceId}.wav";
            var startSample = (long)Math.Round(u.Start * IClipSource.SampleRate);
            var count = (int)Math.Round(u.DurationSeconds * IClipSource.SampleRate);
            WriteWav(Path.Combine(outDir, clipPath), clips.ReadClip(u.AudioPath, startSample, count));
            utterances.Add(u with { ClipPath = clipPath });
        }

        switch (format)
        {
            case CorpusFormat.Nemo: NemoManifestWriter.Write(outDir, utterances); break;
            case CorpusFormat.Kaldi: KaldiDataDirWriter.Write(outDir, utterances); break;
            case CorpusFormat.HuggingFace: AudioFolderMetadataWriter.Write(outDir, utterances); break;
            case CorpusFormat.Lhotse: LhotseManifestWriter.Write(outDir, utterances); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown corpus format");
        }
        return plan with { Utterances = utterances };
    }

    /// <summary>
    /// The clips a corpus gets, without touching audio: per taken line one clip, or several when the line is longer
    /// than the maximum duration; sample-rounded bounds padded into silence; sorted by utterance id.
    /// </summary>
    public static CorpusExportResult Plan(IReadOnlyList<MediaAlignment> media, CorpusExportOptions options)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var utterances = new List<CorpusUtterance>();
        int notSplit = 0, tooShort = 0, unalignable = 0, wordsOutside = 0;
        var pad = options.PaddingSeconds;
        var maxSpan = options.MaxDurationSeconds is { } max ? max - 2 * pad : double.PositiveInfinity;
        var names = MediaFileNames.Of(media.Select(m => m.Id).ToList());
        for (var mi = 0; mi < media.Count; mi++)
        {
            var m = media[mi];
            var speaker = names[mi];
            var neighbours = new NeighbourWords(m);
            foreach (var s in m.Segments.Where(s => Takes(s, options)))
            {
                // A word the model cannot spell has no time: its audio may lie in any clip of the line, so none is taken.
                if (options.UseNormalizedText && TextOf(s, options).Split(' ').Contains(TextNormalizer.UnalignableMarker))
                {
                    unalignable++;
                    continue;
                }
                // A line whose words lie outside its span (placed apart from them, a low-confidence line): its clip would
                // not hold all of its text, so it is left out rather than exported with text the clip does not say.
                if (s.Words.Any(w => w.Start < s.Start!.Value - WordOutsideTolerance || w.End > s.End!.Value + WordOutsideTolerance))
                {
                    wordsOutside++;
                    continue;
                }
                var pieces = Pieces(s, options, maxSpan);
                if (pieces is null)
                {
                    notSplit++;
                    continue;
                }
                for (var p = 0; p < pieces.Count; p++)
                {
                    var piece = pieces[p];
                    var start = Math.Max(piece.Start - pad, Math.Min(neighbours.EndBefore(piece.Start), piece.Start));
                    var end = Math.Min(piece.End + pad, Math.Max(neighbours.StartAfter(piece.End), piece.End));
                    start = Math.Max(0, start);
                    if (m.DurationSeconds > 0)
                        end = Math.Min(end, m.DurationSeconds);
                    var startSample = (long)Math.Round(start * IClipSource.SampleRate);
                    var count = (long)Math.Round(end * IClipSource.SampleRate) - startSample;
                    var seconds = count / (double)IClipSource.SampleRate;
                    if (count <= 0 || seconds < options.MinDurationSeconds)
                    {
                        tooShort++;
                        continue;
                    }
                    var uttId = pieces.Count == 1 ? $"{speaker}-{s.Index:D5}" : $"{speaker}-{s.Index:D5}-{p:D3}";
                    utterances.Add(new CorpusUtterance(uttId, speaker, m.Id, null,
                        startSample / (double)IClipSource.SampleRate, (startSample + count) / (double)IClipSource.SampleRate,
                        seconds, piece.Text, s.Rho, piece.WordConfidence) { AudioPath = m.AudioPath });
                }
            }
        }
        utterances.Sort((a, b) => string.CompareOrdinal(a.UtteranceId, b.UtteranceId));
        return new CorpusExportResult(utterances, notSplit, tooShort, unalignable, wordsOutside);
    }

    private sealed record Piece(double Start, double End, string Text, double? WordConfidence);

    /// <summary>The line as one piece when it fits, else split at its pauses; null when it cannot be split to fit.</summary>
    private static List<Piece>? Pieces(AlignedSegment s, CorpusExportOptions options, double maxSpan)
    {
        var words = s.Words;
        double? Mean(int first, int last) => words.Count == 0 ? null : Math.Round(words.Skip(first).Take(last - first + 1).Average(w => w.Confidence), 6);
        if (s.End!.Value - s.Start!.Value <= maxSpan + 1e-9)
            return [new Piece(s.Start.Value, s.End.Value, TextOf(s, options), words.Count == 0 ? null : Mean(0, words.Count - 1))];
        if (words.Count < 2)
            return null;
        var texts = WordTexts(s, options);
        if (texts is null)
            return null;
        var ranges = PauseSplitter.Split(words.Select(w => w.Start).ToArray(), words.Select(w => w.End).ToArray(), maxSpan, options.MinDurationSeconds);
        if (ranges is null)
            return null;
        var pieces = new List<Piece>(ranges.Count);
        for (var p = 0; p < ranges.Count; p++)
        {
            var (first, last) = ranges[p];
            // Text of a piece: its words' texts, and those of caption words without sound before the next piece's first word.
            var text = string.Join(' ', Enumerable.Range(first, last - first + 1).Select(i => texts[i]).Where(t => t.Length > 0));
            var start = p == 0 ? Math.Min(s.Start.Value, words[first].Start) : words[first].Start;
            var end = p == ranges.Count - 1 ? Math.Max(s.End.Value, words[last].End) : words[last].End;
            pieces.Add(new Piece(start, end, text, Mean(first, last)));
        }
        return pieces;
    }

    /// <summary>
    /// The text of each aligned word of a line: its caption spelling (with the soundless caption words up to the next
    /// aligned word), or its share of the stored normalised text. The share comes from the normaliser's word counts per
    /// caption word; null when the line's stored text does not split that way (the line cannot be split safely).
    /// </summary>
    private static string[]? WordTexts(AlignedSegment s, CorpusExportOptions options)
    {
        var captionWords = s.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var owner = new int[s.Words.Count]; // caption word index of each aligned word
        var c = 0;
        for (var i = 0; i < s.Words.Count; i++)
        {
            while (c < captionWords.Length && captionWords[c] != s.Words[i].Word)
                c++;
            if (c == captionWords.Length)
                return null;
            owner[i] = c++;
        }
        var perCaptionWord = new string[captionWords.Length];
        if (options.UseNormalizedText)
        {
            var spoken = TextOf(s, options).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var next = 0;
            for (var w = 0; w < captionWords.Length; w++)
            {
                var n = TextNormalizer.Speak(captionWords[w], w > 0 ? captionWords[w - 1] : null, w + 1 < captionWords.Length ? captionWords[w + 1] : null).Count;
                if (next + n > spoken.Length)
                    return null;
                perCaptionWord[w] = string.Join(' ', spoken, next, n);
                next += n;
            }
            if (next != spoken.Length)
                return null;
        }
        else
            perCaptionWord = captionWords;
        var texts = new string[s.Words.Count];
        for (var i = 0; i < s.Words.Count; i++)
        {
            var from = i == 0 ? 0 : owner[i];
            var to = i + 1 < s.Words.Count ? owner[i + 1] - 1 : captionWords.Length - 1;
            texts[i] = string.Join(' ', perCaptionWord[from..(to + 1)].Where(t => t.Length > 0));
        }
        return texts;
    }

    private static string TextOf(AlignedSegment s, CorpusExportOptions options) =>
        (options.UseNormalizedText && !string.IsNullOrWhiteSpace(s.NormalizedText) ? s.NormalizedText : s.Text).Trim();

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(IClipSource.SampleRate, 16, 1));
        writer.WriteSamples(samples, 0, samples.Length);
    }

    internal static void WriteLines(string path, IEnumerable<string> lines)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var line in lines)
            w.Write(line + "\n");
    }

    /// <summary>
    /// The timed words of one media (every placed line's words, or the line's span when it has none): where the
    /// speech before a time ends and where the speech after a time starts, for padding that stays in the silence.
    /// </summary>
    private sealed class NeighbourWords
    {
        private readonly double[] _startsByStart;
        private readonly double[] _maxEndByStart; // prefix maximum of ends, words ordered by start
        private readonly double[] _endsByEnd;
        private readonly double[] _minStartByEnd; // suffix minimum of starts, words ordered by end

        public NeighbourWords(MediaAlignment media)
        {
            var spans = new List<(double Start, double End)>();
            foreach (var s in media.Segments)
            {
                if (s.Status == SegmentStatus.NotAligned || s.Start is null || s.End is null)
                    continue;
                if (s.Words.Count == 0)
                    spans.Add((s.Start.Value, s.End.Value));
                else
                    spans.AddRange(s.Words.Select(w => (w.Start, w.End)));
            }
            var byStart = spans.OrderBy(w => w.Start).ToArray();
            _startsByStart = byStart.Select(w => w.Start).ToArray();
            _maxEndByStart = new double[byStart.Length];
            for (var i = 0; i < byStart.Length; i++)
                _maxEndByStart[i] = Math.Max(byStart[i].End, i > 0 ? _maxEndByStart[i - 1] : double.NegativeInfinity);
            var byEnd = spans.OrderBy(w => w.End).ToArray();
            _endsByEnd = byEnd.Select(w => w.End).ToArray();
            _minStartByEnd = new double[byEnd.Length];
            for (var i = byEnd.Length - 1; i >= 0; i--)
                _minStartByEnd[i] = Math.Min(byEnd[i].Start, i + 1 < byEnd.Length ? _minStartByEnd[i + 1] : double.PositiveInfinity);
        }

        /// <summary>The latest end of the words starting before <paramref name="t"/> (-infinity when none).</summary>
        public double EndBefore(double t)
        {
            var n = LowerBound(_startsByStart, t - 1e-9); // words with start < t (to the microsecond)
            return n == 0 ? double.NegativeInfinity : _maxEndByStart[n - 1];
        }

        /// <summary>The earliest start of the words ending after <paramref name="t"/> (+infinity when none).</summary>
        public double StartAfter(double t)
        {
            var i = UpperBound(_endsByEnd, t + 1e-9); // first word with end > t
            return i == _endsByEnd.Length ? double.PositiveInfinity : _minStartByEnd[i];
        }

        private static int LowerBound(double[] sorted, double value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sorted[mid] < value)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo; // count of items < value
        }

        private static int UpperBound(double[] sorted, double value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sorted[mid] <= value)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo; // first index with item > value
        }
    }
}
