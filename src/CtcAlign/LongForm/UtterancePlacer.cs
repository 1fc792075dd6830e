using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Turns the segmenter's spans of a window into chunk placements with word times: each chunk's words are aligned in
/// its span widened by the padding, never reaching back over the previous chunk's last word or forward into the next
/// chunk's span.
/// </summary>
internal static class UtterancePlacer
{
    public static ChunkPlacement[] Place(
        EmissionMatrix window,
        IReadOnlyList<TextChunk> chunks,
        IReadOnlyList<UtteranceSpan> spans,
        IWordAligner wordAligner,
        double paddingSeconds)
    {
        var pad = (int)Math.Round(paddingSeconds / window.FrameSeconds);
        var placements = new ChunkPlacement[chunks.Count];
        var lowerBound = 0;
        for (var k = 0; k < chunks.Count; k++)
        {
            var span = spans[k];
            var upperBound = k + 1 < chunks.Count ? Math.Max(spans[k + 1].StartFrame, span.EndFrame) : window.Frames;
            var start = Math.Clamp(span.StartFrame - pad, lowerBound, window.Frames);
            var end = Math.Clamp(span.EndFrame + pad, start, Math.Min(upperBound, window.Frames));
            IReadOnlyList<AlignedWord> words = [];
            string? problem = null;
            try
            {
                words = wordAligner.AlignWords(window.Slice(start, end), chunks[k].Text);
                if (words.Count == 0)
                    problem = "the word aligner returned no words";
            }
            catch (AlignmentException ex)
            {
                problem = $"word alignment failed: {ex.Message}";
            }
            placements[k] = new ChunkPlacement(chunks[k].LineIndex, chunks[k].ChunkIndex, span.Rho,
                window.TimeOf(span.StartFrame), window.TimeOf(span.EndFrame), words, problem);
            if (words.Count > 0)
                lowerBound = Math.Clamp((int)Math.Ceiling((words[^1].End - window.StartSeconds) / window.FrameSeconds - 1e-9), lowerBound, window.Frames);
        }
        return placements;
    }

    /// <summary>Frames the segmenter needs at least: one per token column and one blank column per utterance.</summary>
    public static int NeededFrames(IEnumerable<TextChunk> chunks) => chunks.Sum(c => c.Text.TokenIds.Length + 1);
}
