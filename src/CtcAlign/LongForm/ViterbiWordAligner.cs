using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// The real <see cref="IWordAligner"/>: <see cref="ViterbiAligner"/> over the segment, then
/// <see cref="WordBoundaryRefiner"/> for the peaky-CTC bias. One word per caption word that owns tokens, with the
/// caption's own spelling, media seconds, and Confidence = exp(mean path log-probability over the word's raw frames).
/// </summary>
public sealed class ViterbiWordAligner(int blankIndex, ViterbiOptions? viterbi = null, WordBoundaryOptions? boundaries = null) : IWordAligner
{
    public ViterbiOptions Viterbi { get; } = viterbi ?? ViterbiOptions.Default;

    public WordBoundaryOptions Boundaries { get; } = boundaries ?? WordBoundaryOptions.Default;

    public IReadOnlyList<AlignedWord> AlignWords(EmissionMatrix segment, TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(text);
        var alignment = ViterbiAligner.Align(segment, 0, segment.Frames, text.TokenIds, blankIndex, Viterbi);
        return Words(segment, alignment.StartFrame, alignment.EndFrame, alignment.FrameTokenIndices, alignment.FrameLogProbs, text, Boundaries);
    }

    /// <summary>
    /// Caption words of a path over frames <c>[startFrame, endFrame)</c> of <paramref name="emissions"/>:
    /// <paramref name="tokenIndexOfFrame"/>[t] is the index into the text's tokens the path sits on at frame
    /// startFrame + t (-1 on blank), <paramref name="frameLogProbs"/>[t] its log-probability there.
    /// </summary>
    public static IReadOnlyList<AlignedWord> Words(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> tokenIndexOfFrame,
        ReadOnlySpan<float> frameLogProbs, TokenizedText text, WordBoundaryOptions boundaries)
    {
        var wordCount = text.Words.Count;
        var first = new int[wordCount];
        var last = new int[wordCount];
        Array.Fill(first, -1);
        for (var t = 0; t < tokenIndexOfFrame.Length; t++)
        {
            var k = tokenIndexOfFrame[t];
            if (k < 0)
                continue;
            var w = text.WordOfToken[k];
            if (w < 0)
                continue;
            if (first[w] < 0)
                first[w] = t;
            last[w] = t;
        }
        var spans = new List<WordSpan>();
        for (var w = 0; w < wordCount; w++)
        {
            if (first[w] < 0)
                continue;
            double sum = 0;
            for (var t = first[w]; t <= last[w]; t++)
                sum += frameLogProbs[t];
            spans.Add(new WordSpan(w, text.Words[w], startFrame + first[w], startFrame + last[w] + 1, sum / (last[w] - first[w] + 1)));
        }
        var refined = WordBoundaryRefiner.Refine(spans, startFrame, endFrame, emissions.FrameSeconds, boundaries);
        var words = new AlignedWord[spans.Count];
        for (var i = 0; i < spans.Count; i++)
            words[i] = new AlignedWord(spans[i].Word, emissions.StartSeconds + refined[i].Start * emissions.FrameSeconds,
                emissions.StartSeconds + refined[i].End * emissions.FrameSeconds, spans[i].Confidence);
        return words;
    }
}
