using CtcAlign.Alignment;
using CtcAlign.Decoding;
using CtcAlign.LongForm;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Pipeline;

/// <summary>
/// What <see cref="CaptionEmissionAligner"/> does to each accepted chunk while its emissions are held (a
/// <see cref="PlacementRefiner"/>): Align-With-Purpose latency re-ranking of its word alignment (ALGORITHMS.md
/// section 4; the chosen path's words replace the Viterbi words and the note says what moved), and the caption's WER
/// against the minimum-Bayes-risk transcription of the chunk's audio.
/// </summary>
public sealed class AcceptedChunkRefiner
{
    private readonly Vocabulary _vocabulary;
    private readonly AlignerSettings _settings;

    public AcceptedChunkRefiner(Vocabulary vocabulary, AlignerSettings settings)
    {
        _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _settings.Latency.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_settings.CaptionWerBeam);
    }

    public ChunkPlacement Refine(EmissionMatrix window, TextChunk chunk, ChunkPlacement placement, double notBeforeSeconds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(placement);
        if (placement.Words.Count == 0)
            return placement;
        var p = placement;
        if (_settings.Awp == AwpProperty.Latency)
            p = RerankLatency(window, chunk, p, notBeforeSeconds);
        if (_settings.CaptionWer)
            p = MeasureCaptionWer(window, chunk, p);
        return p;
    }

    /// <summary>
    /// Re-ranks the chunk's alignment over the frames of its words (where the word aligner's Viterbi path has all its
    /// emissions, so the Viterbi path there is the same), extended by up to K frames before them (never before
    /// <paramref name="notBeforeSeconds"/>) so the first onset may move earlier too.
    /// </summary>
    private ChunkPlacement RerankLatency(EmissionMatrix window, TextChunk chunk, ChunkPlacement p, double notBeforeSeconds)
    {
        var blank = _vocabulary.BlankIndex;
        var tokens = chunk.Text.TokenIds;
        var start = window.FrameAt(p.Words[0].Start);
        var end = Math.Max(start, window.FrameAtOrAfter(p.Words[^1].End));
        var low = Math.Min(start, Math.Max(window.FrameAtOrAfter(notBeforeSeconds), start - _settings.Latency.MaxShift));
        try
        {
            var viterbi = ViterbiAligner.Align(window, start, end, tokens, blank);
            var a0 = new int[end - low];
            Array.Fill(a0, blank);
            for (var t = 0; t < viterbi.Frames; t++)
            {
                var k = viterbi.FrameTokenIndices[t];
                a0[start - low + t] = k < 0 ? blank : tokens[k];
            }
            var wordOnsets = new List<int>();
            for (var k = 0; k < tokens.Length; k++)
                if (chunk.Text.WordOfToken[k] >= 0 && (k == 0 || chunk.Text.WordOfToken[k - 1] != chunk.Text.WordOfToken[k]))
                    wordOnsets.Add(k);
            var result = LatencyReranker.Rerank(window, low, end, tokens, blank, _settings.Latency, a0, wordOnsets.Count > 0 ? wordOnsets : null);
            if (!result.Changed)
                return p with { RerankNote = result.Note };
            var indices = CtcPath.ToTokenIndices(result.Path, blank);
            var frameLp = new float[result.Path.Length];
            for (var t = 0; t < frameLp.Length; t++)
                frameLp[t] = window[low + t, result.Path[t]];
            var words = ViterbiWordAligner.Words(window, low, end, indices, frameLp, chunk.Text, _settings.WordBoundaries, blank);
            return words.Count == p.Words.Count ? p with { Words = words, RerankNote = result.Note } : p;
        }
        catch (Exception ex) when (ex is AlignmentException or ArgumentException)
        {
            return p with { RerankNote = "not re-ranked: " + ex.Message };
        }
    }

    private ChunkPlacement MeasureCaptionWer(EmissionMatrix window, TextChunk chunk, ChunkPlacement p)
    {
        var start = window.FrameAt(p.Words[0].Start);
        var end = Math.Max(start, window.FrameAtOrAfter(p.Words[^1].End));
        var captionWords = chunk.Text.NormalizedText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (captionWords.Length == 0 || end <= start)
            return p;
        var wer = CaptionWerEstimator.Estimate(window, start, end, _vocabulary, captionWords, _settings.CaptionWerBeam, _settings.Latency.Lambda);
        return p with { CaptionWordErrors = wer.Errors, CaptionWordCount = wer.CaptionWords };
    }
}
