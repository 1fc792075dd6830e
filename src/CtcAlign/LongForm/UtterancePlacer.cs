using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Turns the segmenter's spans of a window into chunk placements with word times. Each chunk's words are aligned in
/// its span widened by the padding, never reaching back over the last word of the previous trusted chunk or forward
/// into the next chunk's span. After an untrusted chunk (rho below the not-aligned cut, or failed word timing) the
/// next chunk may start anywhere after the last trusted word, since the untrusted span may cover its speech.
/// Such a chunk is also scored again alone in its segment, since the squeezed text before it lowered its rho.
/// A first or last word longer than a word can be (it reached for a matching letter in audio without text around
/// the line) is realigned in a segment cut to that length.
/// </summary>
internal static class UtterancePlacer
{
    public static ChunkPlacement[] Place(
        EmissionMatrix window,
        IReadOnlyList<TextChunk> chunks,
        IReadOnlyList<UtteranceSpan> spans,
        IUtteranceSegmenter segmenter,
        IWordAligner wordAligner,
        IpfaOptions options)
    {
        var pad = (int)Math.Round(options.WordAlignmentPaddingSeconds / window.FrameSeconds);
        var placements = new ChunkPlacement[chunks.Count];
        var lowerBound = 0;
        var previousTrusted = true;
        for (var k = 0; k < chunks.Count; k++)
        {
            var span = spans[k];
            var upperBound = Math.Min(window.Frames, k + 1 < chunks.Count ? Math.Max(spans[k + 1].StartFrame, span.EndFrame) : window.Frames);
            var start = previousTrusted ? Math.Clamp(span.StartFrame - pad, lowerBound, upperBound) : Math.Min(lowerBound, upperBound);
            var end = Math.Clamp(span.EndFrame + pad, start, upperBound);
            var (words, problem) = AlignWords(window, start, end, chunks[k].Text, wordAligner, options);
            var rho = span.Rho;
            if (!previousTrusted && words.Count > 0)
                rho = Math.Max(rho, RescoreAlone(window, start, end, chunks[k], segmenter));
            placements[k] = new ChunkPlacement(chunks[k].LineIndex, chunks[k].ChunkIndex, rho,
                window.TimeOf(span.StartFrame), window.TimeOf(span.EndFrame), words, problem);

            previousTrusted = words.Count > 0 && rho >= options.NotAlignedBelowRho && LineTimingCheck.Check(words, options).Passed;
            if (previousTrusted)
                lowerBound = Math.Clamp(FrameAtOrAfter(window, words[^1].End), lowerBound, window.Frames);
        }
        return placements;
    }

    /// <summary>
    /// A chunk placed right after untrusted text shares its span with that text's squeezed columns, which lowers its rho
    /// although its words are heard: score it again alone in its own word-alignment segment.
    /// </summary>
    private static double RescoreAlone(EmissionMatrix window, int start, int end, TextChunk chunk, IUtteranceSegmenter segmenter)
    {
        if (end - start < chunk.Text.TokenIds.Length + 1)
            return double.NegativeInfinity;
        try
        {
            return segmenter.Segment(window.Slice(start, end), [chunk.ToUtterance()])[0].Rho;
        }
        catch (AlignmentException)
        {
            return double.NegativeInfinity;
        }
    }

    /// <summary>Frames the segmenter needs at least: one per token column and one blank column per utterance.</summary>
    public static int NeededFrames(IEnumerable<TextChunk> chunks) => chunks.Sum(c => c.Text.TokenIds.Length + 1);

    private static (IReadOnlyList<AlignedWord> Words, string? Problem) AlignWords(
        EmissionMatrix window, int start, int end, TokenizedText text, IWordAligner wordAligner, IpfaOptions options)
    {
        IReadOnlyList<AlignedWord> words;
        try
        {
            words = wordAligner.AlignWords(window.Slice(start, end), text);
        }
        catch (AlignmentException ex)
        {
            return ([], $"word alignment failed: {ex.Message}");
        }
        if (words.Count == 0)
            return ([], "the word aligner returned no words");

        // Cut the segment where an edge word is too long, and align again. Keep the new words only when the cut edge
        // word is heard at least as well as before (it reached for a matching letter in neighbouring audio); a word
        // that really was that long loses its score when squeezed, and keeps its first placement.
        var newEnd = end;
        var newStart = start;
        if (TooLong(words[^1], options, out var maxLast))
            newEnd = Math.Max(start + 1, FrameAtOrAfter(window, words[^1].Start + maxLast));
        if (TooLong(words[0], options, out var maxFirst))
            newStart = Math.Min(newEnd - 1, FrameAt(window, words[0].End - maxFirst));
        if (newEnd == end && newStart == start)
            return (words, null);
        try
        {
            var again = wordAligner.AlignWords(window.Slice(newStart, newEnd), text);
            if (again.Count != words.Count)
                return (words, null);
            var better = (newEnd == end || again[^1].Confidence >= words[^1].Confidence)
                         && (newStart == start || again[0].Confidence >= words[0].Confidence);
            return (better ? again : words, null);
        }
        catch (AlignmentException)
        {
            return (words, null);
        }
    }

    private static bool TooLong(AlignedWord word, IpfaOptions options, out double maxSeconds)
    {
        maxSeconds = options.MaxWordBaseSeconds + options.MaxWordSecondsPerCharacter * Math.Max(1, word.Word.Count(char.IsLetterOrDigit));
        return word.End - word.Start > maxSeconds;
    }

    private static int FrameAt(EmissionMatrix window, double seconds) =>
        Math.Clamp((int)Math.Floor((seconds - window.StartSeconds) / window.FrameSeconds + 1e-9), 0, window.Frames);

    private static int FrameAtOrAfter(EmissionMatrix window, double seconds) =>
        Math.Clamp((int)Math.Ceiling((seconds - window.StartSeconds) / window.FrameSeconds - 1e-9), 0, window.Frames);
}
