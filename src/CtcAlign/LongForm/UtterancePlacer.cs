using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Turns the segmenter's spans of a window into chunk placements with word times. Each chunk's words are aligned in
/// its span widened by the padding, never reaching back over the last word of the previous trusted chunk or forward
/// into the next chunk's span. After untrusted chunks (rho below the not-aligned cut, or failed checks) the next chunk
/// may also look back over the frames they were squeezed into, and is scored again alone, since the squeezed text
/// before it lowered its rho. A first or last word that is too long or stands apart from the others (it reached for
/// a matching letter or word in audio without text around the line: a tie for CTC) is realigned in a cut segment.
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
        var untrustedFrames = 0; // frames the untrusted chunks since the last trusted one need at least
        var claimedUntil = 0; // end of the words of a chunk that took back audio the next chunk's span had taken
        for (var k = 0; k < chunks.Count; k++)
        {
            var span = spans[k];
            var upperBound = Math.Min(window.Frames, k + 1 < chunks.Count ? Math.Max(spans[k + 1].StartFrame, span.EndFrame) : window.Frames);
            var floor = Math.Min(Math.Max(lowerBound, claimedUntil), upperBound); // no earlier than this, even looking back
            var start = Math.Clamp(span.StartFrame - pad, floor, upperBound);
            var end = Math.Clamp(span.EndFrame + pad, start, upperBound);
            var (words, problem) = AlignWords(window, start, end, chunks[k].Text, wordAligner, options);
            if (words.Count == 0 && claimedUntil > 0 && end == start)
                problem = "the line before it was heard over this line's audio, so nothing was left for it";
            var rho = span.Rho;
            string? caveat = null;
            if (untrustedFrames > 0)
            {
                // Untrusted text before this chunk was squeezed into frames that may be this chunk's speech: look back
                // over them too, and keep that placement when it is consistent and clearly better heard (a tie goes
                // to the first placement: the words then only reached for matching letters further back).
                var wider = Math.Clamp(start - untrustedFrames, floor, start);
                if (wider < start)
                {
                    var (again, againProblem) = AlignWords(window, wider, end, chunks[k].Text, wordAligner, options);
                    if (again.Count > 0 && LineTimingCheck.Check(again, options).Passed
                        && (words.Count == 0 || LogScore(again) > LogScore(words) + WiderPlacementMargin))
                        (words, problem, start) = (again, againProblem, wider);
                }
                // Still not heard where it was put: the text just before it may never have been spoken and pushed this
                // chunk off its speech (ctc-segmentation must place every line, in order). Look back over that one
                // chunk's audio, to the end of the chunk before it (or the last trusted chunk). Such a placement is
                // only a position: the line stays low confidence, since free text placed over a long stretch of
                // audio can always find some letters it matches.
                var backBound = k >= 2 && placements[k - 2].Words.Count > 0
                    ? Math.Clamp(window.FrameAtOrAfter(placements[k - 2].Words[^1].End), floor, start)
                    : floor;
                if (options.RelocateUnheardChunks && backBound < wider && (words.Count == 0 || !LineTimingCheck.Check(words, options).Passed))
                {
                    var (back, backProblem) = AlignWords(window, backBound, end, chunks[k].Text, wordAligner, options);
                    if (IsBetterPlace(back, words, placements, k, options))
                    {
                        (words, problem, start) = (back, backProblem, backBound);
                        caveat = "placed after text that was not heard, over the audio that text had taken";
                    }
                }
                if (words.Count > 0)
                    rho = Math.Max(rho, RescoreAlone(window, start, end, chunks[k], segmenter));
            }
            if (options.RelocateUnheardChunks && caveat is null && k + 1 < chunks.Count && words.Count > 0
                && !LineTimingCheck.Check(words, options).Passed)
            {
                // Not heard where it was put, with a gap before the next confidently placed chunk: the speech may lie
                // further on (uncaptioned speech right after the anchor drew this line onto it). Look forward, up to
                // that chunk's span; again only a position.
                var next = Enumerable.Range(k + 1, chunks.Count - k - 1).FirstOrDefault(j => spans[j].Rho >= options.AnchorThreshold, chunks.Count - 1);
                // When that chunk comes right after this one and is short (too short to anchor, as in the reference),
                // it may itself sit on the end of this one's speech: a short never-spoken line finds a few matching
                // letters anywhere. Look over its span too.
                var intoNext = next == k + 1 && spans[next].Rho >= options.AnchorThreshold
                    && chunks[next].Text.CharacterCount < options.ShortSegmentCharacters;
                var forward = Math.Clamp(intoNext ? spans[next].EndFrame + pad : spans[next].StartFrame, end, window.Frames);
                if (forward > end + pad)
                {
                    var (ahead, aheadProblem) = AlignWords(window, start, forward, chunks[k].Text, wordAligner, options);
                    if (IsBetterPlace(ahead, words, placements, k, options))
                    {
                        (words, problem) = (ahead, aheadProblem);
                        caveat = "not heard where ctc-segmentation put it; placed further on";
                        var wordsEnd = window.FrameAtOrAfter(words[^1].End);
                        if (intoNext && wordsEnd > spans[next].StartFrame)
                            claimedUntil = wordsEnd; // the next chunk goes after these words
                    }
                }
            }
            placements[k] = new ChunkPlacement(chunks[k].LineIndex, chunks[k].ChunkIndex, rho,
                window.TimeOf(span.StartFrame), window.TimeOf(span.EndFrame), words, problem) { Caveat = caveat, PlacedByHint = span.PlacedByHint };

            if (placements[k].IsTrusted(options))
            {
                lowerBound = Math.Clamp(window.FrameAtOrAfter(words[^1].End), lowerBound, window.Frames);
                untrustedFrames = 0;
            }
            else
            {
                untrustedFrames += chunks[k].Text.TokenIds.Length + 1 + pad;
            }
        }
        return placements;
    }

    /// <summary>
    /// Whether a chunk's words found elsewhere (<paramref name="candidate"/>) are a better place than
    /// <paramref name="words"/>: timing that passes or fails only for unheard words, clearly better heard, and not over
    /// the words of an earlier chunk.
    /// </summary>
    private static bool IsBetterPlace(IReadOnlyList<AlignedWord> candidate, IReadOnlyList<AlignedWord> words, ChunkPlacement[] placements, int k,
        IpfaOptions options) =>
        candidate.Count > 0
        && LineTimingCheck.Check(candidate, options).Failed is LineTimingCheck.Failure.None or LineTimingCheck.Failure.NotHeard
        && (words.Count == 0 || LogScore(candidate) > LogScore(words) + WiderPlacementMargin)
        && !OverlapsEarlierWords(placements, k, candidate[0].Start, candidate[^1].End);

    /// <summary>Whether <c>[start, end)</c> overlaps the words of a chunk placed before chunk <paramref name="k"/>.</summary>
    private static bool OverlapsEarlierWords(ChunkPlacement[] placements, int k, double start, double end)
    {
        for (var j = 0; j < k; j++)
        {
            var w = placements[j].Words;
            if (w.Count > 0 && start < w[^1].End && end > w[0].Start)
                return true;
        }
        return false;
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

        // Cut the segment where an edge word is too long or stands apart from the rest, and align again. Keep the new
        // words only when the cut edge word is heard at least as well as before: it had reached for a matching letter
        // or word in neighbouring audio (a tie for CTC). A word that really was there loses its score when squeezed.
        var gap = (int)Math.Round(options.EdgeWordGapSeconds / window.FrameSeconds);
        var newEnd = end;
        var newStart = start;
        var letters = SpokenLetters(text, words.Count);
        var maxLast = MaxSeconds(letters[^1], options);
        if (words[^1].End - words[^1].Start > maxLast)
            newEnd = window.FrameAtOrAfter(words[^1].Start + maxLast);
        if (words.Count > 1 && words[^1].Start - words[^2].End > options.EdgeWordGapSeconds)
            newEnd = Math.Min(newEnd, window.FrameAtOrAfter(words[^2].End + maxLast) + gap);
        var maxFirst = MaxSeconds(letters[0], options);
        if (words[0].End - words[0].Start > maxFirst)
            newStart = window.FrameAt(words[0].End - maxFirst);
        if (words.Count > 1 && words[1].Start - words[0].End > options.EdgeWordGapSeconds)
            newStart = Math.Max(newStart, window.FrameAt(words[1].Start - maxFirst) - gap);
        newEnd = Math.Clamp(newEnd, start + 1, end);
        newStart = Math.Clamp(newStart, start, newEnd - 1);
        if (newEnd == end && newStart == start)
            return (words, null);
        try
        {
            var again = wordAligner.AlignWords(window.Slice(newStart, newEnd), text);
            if (again.Count != words.Count)
                return (ClampEdgeWords(words, letters, options), null);
            var better = (newEnd == end || again[^1].Confidence >= words[^1].Confidence)
                         && (newStart == start || again[0].Confidence >= words[0].Confidence);
            return (ClampEdgeWords(better ? again : words, letters, options), null);
        }
        catch (AlignmentException)
        {
            return (ClampEdgeWords(words, letters, options), null);
        }
    }

    /// <summary>
    /// An edge word still longer than <see cref="IpfaOptions.EdgeWordClampFactor"/> times its plausible length after
    /// realignment kept a letter reached in neighbouring audio (its confidence looks fine because the frames between are
    /// blank): the first word keeps its end and the last word its start (the sides next to the rest of the line), and
    /// the far edge is pulled in to that length. Lines of one word are left as they are.
    /// </summary>
    private static IReadOnlyList<AlignedWord> ClampEdgeWords(IReadOnlyList<AlignedWord> words, int[] letters, IpfaOptions options)
    {
        if (words.Count < 2 || options.EdgeWordClampFactor is not { } factor)
            return words;
        var result = words.ToArray();
        var maxLast = MaxSeconds(letters[^1], options) * factor;
        if (result[^1].End - result[^1].Start > maxLast)
            result[^1] = result[^1] with { End = result[^1].Start + maxLast };
        var maxFirst = MaxSeconds(letters[0], options) * factor;
        if (result[0].End - result[0].Start > maxFirst)
            result[0] = result[0] with { Start = result[0].End - maxFirst };
        return result;
    }

    /// <summary>Nats by which a placement looking back over untrusted text must beat the first one.</summary>
    private const double WiderPlacementMargin = 0.5;

    private static double LogScore(IReadOnlyList<AlignedWord> words) => words.Sum(w => Math.Log(Math.Max(w.Confidence, 1e-30)));

    private static double MaxSeconds(int letters, IpfaOptions options) =>
        options.MaxWordBaseSeconds + options.MaxWordSecondsPerCharacter * Math.Max(1, letters);

    /// <summary>
    /// Spoken letters (model tokens) of each caption word that owns tokens, in order: "$641.06" counts the letters of
    /// "six hundred forty one dollars and six cents". Falls back to 1 per word when the word list does not match.
    /// </summary>
    private static int[] SpokenLetters(TokenizedText text, int wordCount)
    {
        var counts = new List<int>();
        var previous = -1;
        foreach (var w in text.WordOfToken)
        {
            if (w < 0)
                continue;
            if (w != previous)
                counts.Add(0);
            counts[^1]++;
            previous = w;
        }
        return counts.Count == wordCount ? counts.ToArray() : Enumerable.Repeat(1, wordCount).ToArray();
    }
}
