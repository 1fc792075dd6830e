using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// A line whose first or last caption word was not heard (word confidence below
/// <see cref="IpfaOptions.UnheardEdgeWordConfidence"/>) most often has different words there in the audio: a word
/// changed, added or left out by the captioner ("from an way" spoken "from an interface"). The word aligner then
/// squeezes the edge word onto the nearest frames, and the line ends early (or starts late) by the length of the
/// spoken words. The line's speech goes on as long as the model keeps emitting letters: the edge word's far side is
/// moved over the adjacent emissions (letters no more than <see cref="IpfaOptions.SpeechGapSeconds"/> apart), never past
/// the words of the neighbouring chunk in the window (untrusted text squeezed over the line's edge does not count)
/// and never by more than <see cref="IpfaOptions.MaxEdgeExtensionSeconds"/>.
/// The end of the window's last chunk is left alone: what follows it belongs to the next window, which starts there.
/// </summary>
internal static class UnheardEdgeExtension
{
    /// <summary>Frames a moved end lies after its last emission (the word boundary correction's default).</summary>
    private const int EndAfterLastEmissionFrames = 2;

    /// <param name="window">The window's emissions (frame 0 is the window's start).</param>
    /// <param name="chunks">The chunks of the window, in order.</param>
    /// <param name="placements">Their placements, in the same order; words in media seconds.</param>
    /// <param name="blankIndex">The blank token: every other token that is a frame's best counts as speech.</param>
    public static ChunkPlacement[] Apply(EmissionMatrix window, IReadOnlyList<TextChunk> chunks, IReadOnlyList<ChunkPlacement> placements,
        int blankIndex, IpfaOptions options)
    {
        var result = placements.ToArray();
        if (options.MaxEdgeExtensionSeconds <= 0)
            return result;
        var fs = window.FrameSeconds;
        var gap = Math.Max(1, (int)Math.Round(options.SpeechGapSeconds / fs));
        var cap = (int)Math.Round(options.MaxEdgeExtensionSeconds / fs);
        for (var k = 0; k < result.Length; k++)
        {
            var words = result[k].Words;
            if (words.Count == 0)
                continue;
            var chunk = chunks[k];
            var changed = words.ToArray();
            if (chunk.ChunkIndex == chunk.ChunkCount - 1 && k + 1 < result.Length && words[^1].Confidence < options.UnheardEdgeWordConfidence)
            {
                // Untrusted text squeezed over the line's tail (its words start before the line's end: never spoken,
                // most likely) does not bound it: the next chunk that is trusted or starts after the line's end does.
                var lineEnd = words[^1].End;
                var next = result.Skip(k + 1).FirstOrDefault(p => p.IsTrusted(options) || p.Words.Count > 0 && p.Words[0].Start >= lineEnd)
                           ?? result[^1];
                var boundSeconds = next.Words.Count > 0 ? next.Words[0].Start : next.SpanStart;
                var bound = Math.Min(window.FrameAt(boundSeconds), window.Frames);
                var end = window.FrameAtOrAfter(words[^1].End);
                var last = FurthestSpeech(window, end - 1, +1, gap, 0, Math.Min(bound, end + cap), blankIndex);
                var newEnd = Math.Min(window.TimeOf(last + 1 + EndAfterLastEmissionFrames), window.TimeOf(bound));
                if (newEnd > changed[^1].End)
                    changed[^1] = changed[^1] with { End = newEnd };
            }
            if (chunk.ChunkIndex == 0 && words[0].Confidence < options.UnheardEdgeWordConfidence)
            {
                var lineStart = words[0].Start;
                var previousWords = result.Take(k)
                    .LastOrDefault(p => p.IsTrusted(options) || p.Words.Count > 0 && p.Words[^1].End <= lineStart)?.Words ?? [];
                var bound = previousWords.Count > 0 ? Math.Max(0, window.FrameAtOrAfter(previousWords[^1].End)) : 0;
                var start = window.FrameAt(words[0].Start);
                var first = FurthestSpeech(window, start, -1, gap, Math.Max(bound, start - cap), window.Frames, blankIndex);
                var newStart = window.TimeOf(first);
                if (newStart < changed[0].Start)
                    changed[0] = changed[0] with { Start = newStart };
            }
            var moved = (words[0].Start - changed[0].Start) + (changed[^1].End - words[^1].End);
            result[k] = result[k] with { Words = changed, EdgeExtensionSeconds = result[k].EdgeExtensionSeconds + moved };
        }
        return result;
    }

    /// <summary>
    /// Walks from frame <paramref name="from"/> in direction <paramref name="step"/> (+1 or -1) over frames whose best
    /// token is not blank, each at most <paramref name="gap"/> frames past the last one, within [lo, hi); returns the
    /// last such frame (<paramref name="from"/> when there is none).
    /// </summary>
    private static int FurthestSpeech(EmissionMatrix window, int from, int step, int gap, int lo, int hi, int blankIndex)
    {
        var reached = from;
        for (var t = from + step; t >= lo && t < hi && Math.Abs(t - reached) <= gap; t += step)
            if (window.ArgMax(t) != blankIndex)
                reached = t;
        return reached;
    }

}
