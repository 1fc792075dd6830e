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
                var next = result.Skip(k + 1).FirstOrDefault(p => IsTrusted(p, options) || p.Words.Count > 0 && p.Words[0].Start >= lineEnd)
                           ?? result[^1];
                var boundSeconds = next.Words.Count > 0 ? next.Words[0].Start : next.SpanStart;
                var bound = Math.Min(FrameAt(window, boundSeconds), window.Frames);
                var end = FrameAtOrAfter(window, words[^1].End);
                var last = end - 1;
                var limit = Math.Min(bound, end + cap);
                while (true)
                {
                    var found = -1;
                    for (var t = last + 1; t < Math.Min(last + 1 + gap, limit); t++)
                    {
                        if (IsSpeech(window, t, blankIndex))
                        {
                            found = t;
                            break;
                        }
                    }
                    if (found < 0)
                        break;
                    last = found;
                }
                var newEnd = Math.Min(window.TimeOf(last + 1 + EndAfterLastEmissionFrames), window.TimeOf(bound));
                if (newEnd > changed[^1].End)
                    changed[^1] = changed[^1] with { End = newEnd };
            }
            if (chunk.ChunkIndex == 0 && words[0].Confidence < options.UnheardEdgeWordConfidence)
            {
                var lineStart = words[0].Start;
                var previousWords = result.Take(k)
                    .LastOrDefault(p => IsTrusted(p, options) || p.Words.Count > 0 && p.Words[^1].End <= lineStart)?.Words ?? [];
                var bound = previousWords.Count > 0 ? Math.Max(0, FrameAtOrAfter(window, previousWords[^1].End)) : 0;
                var start = FrameAt(window, words[0].Start);
                var first = start;
                var limit = Math.Max(bound, start - cap);
                while (true)
                {
                    var found = -1;
                    for (var t = first - 1; t >= Math.Max(first - gap, limit); t--)
                    {
                        if (IsSpeech(window, t, blankIndex))
                        {
                            found = t;
                            break;
                        }
                    }
                    if (found < 0)
                        break;
                    first = found;
                }
                var newStart = window.TimeOf(first);
                if (newStart < changed[0].Start)
                    changed[0] = changed[0] with { Start = newStart };
            }
            result[k] = result[k] with { Words = changed };
        }
        return result;
    }

    private static bool IsTrusted(ChunkPlacement p, IpfaOptions options) =>
        p.Words.Count > 0 && p.Caveat is null && p.Rho >= options.NotAlignedBelowRho && LineTimingCheck.Check(p.Words, options).Passed;

    private static bool IsSpeech(EmissionMatrix window, int frame, int blankIndex)
    {
        var row = window.Row(frame);
        var best = 0;
        for (var v = 1; v < row.Length; v++)
            if (row[v] > row[best])
                best = v;
        return best != blankIndex;
    }

    private static int FrameAt(EmissionMatrix window, double seconds) =>
        Math.Clamp((int)Math.Floor((seconds - window.StartSeconds) / window.FrameSeconds + 1e-9), 0, window.Frames);

    private static int FrameAtOrAfter(EmissionMatrix window, double seconds) =>
        Math.Clamp((int)Math.Ceiling((seconds - window.StartSeconds) / window.FrameSeconds - 1e-9), 0, window.Frames);
}
