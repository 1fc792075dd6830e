using CtcAlign.Alignment;
using CtcAlign.Text;

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
        return Words(segment, alignment.StartFrame, alignment.EndFrame, alignment.FrameTokenIndices, alignment.FrameLogProbs, text, Boundaries,
            blankIndex);
    }

    /// <summary>
    /// Caption words of a path over frames <c>[startFrame, endFrame)</c> of <paramref name="emissions"/>:
    /// <paramref name="tokenIndexOfFrame"/>[t] is the index into the text's tokens the path sits on at frame
    /// startFrame + t (-1 on blank), <paramref name="frameLogProbs"/>[t] its log-probability there. With the
    /// <paramref name="blankIndex"/> (not -1), each word says how well its letters fit what the model hears
    /// (<see cref="AlignedWord.MisfitPerLetter"/>, <see cref="AlignedWord.UnexplainedBefore"/>).
    /// </summary>
    public static IReadOnlyList<AlignedWord> Words(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> tokenIndexOfFrame,
        ReadOnlySpan<float> frameLogProbs, TokenizedText text, WordBoundaryOptions boundaries, int blankIndex = -1)
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
        {
            var start = emissions.StartSeconds + refined[i].Start * emissions.FrameSeconds;
            var end = emissions.StartSeconds + refined[i].End * emissions.FrameSeconds;
            var parts = WordParts(emissions, startFrame, endFrame, tokenIndexOfFrame, text, spans[i].CaptionWordIndex, start, end, boundaries);
            words[i] = new AlignedWord(spans[i].Word, start, end, spans[i].Confidence, parts);
        }
        return blankIndex < 0 ? words : WithHeardLetters(words, spans, emissions, startFrame, tokenIndexOfFrame, frameLogProbs, text, blankIndex);
    }

    /// <summary>
    /// The words with how well their letters fit what the model hears (<see cref="AlignedWord.MisfitPerLetter"/>, over
    /// each word's raw frames) and the letters heard between them that the path does not take
    /// (<see cref="AlignedWord.UnexplainedBefore"/>).
    /// </summary>
    private static AlignedWord[] WithHeardLetters(AlignedWord[] words, List<WordSpan> spans, EmissionMatrix emissions, int startFrame,
        ReadOnlySpan<int> tokenIndexOfFrame, ReadOnlySpan<float> frameLogProbs, TokenizedText text, int blankIndex)
    {
        if (words.Length == 0 || tokenIndexOfFrame.Length == 0)
            return words;
        var delimiters = new HashSet<int>();
        var letters = new int[text.Words.Count];
        for (var k = 0; k < text.TokenIds.Length; k++)
        {
            if (text.WordOfToken[k] < 0)
                delimiters.Add(text.TokenIds[k]);
            else
                letters[text.WordOfToken[k]]++;
        }
        var pathToken = new int[tokenIndexOfFrame.Length];
        for (var t = 0; t < pathToken.Length; t++)
        {
            var k = tokenIndexOfFrame[t];
            pathToken[t] = k < 0 ? blankIndex : text.TokenIds[k];
        }
        for (var i = 0; i < words.Length; i++)
        {
            var from = spans[i].StartFrame - startFrame;
            var to = spans[i].EndFrame - startFrame;
            var misfit = HeardLetters.Deficit(emissions, startFrame, frameLogProbs, from, to)
                / Math.Max(1, letters[spans[i].CaptionWordIndex]);
            double? before = i == 0 ? null
                : HeardLetters.UnexplainedLetters(emissions, startFrame, frameLogProbs, pathToken, spans[i - 1].EndFrame - startFrame, from,
                    blankIndex, delimiters.Contains);
            words[i] = words[i] with { MisfitPerLetter = misfit, UnexplainedBefore = before };
        }
        return words;
    }

    /// <summary>
    /// The parts of a hyphenated caption word with their own times: its spoken words are the runs of its tokens
    /// (delimiters split them), each part spans the frames of its spoken words, refined like words and kept inside
    /// the word's <c>[wordStart, wordEnd)</c>. Null for other words.
    /// </summary>
    internal static IReadOnlyList<AlignedWordPart>? WordParts(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> tokenIndexOfFrame,
        TokenizedText text, int captionWord, double wordStart, double wordEnd, WordBoundaryOptions boundaries)
    {
        if (WordForms.HyphenPieces(text.Words[captionWord]).Count < 2)
            return null;
        var runs = new List<(int StartFrame, int EndFrame)>();
        var runOfToken = new Dictionary<int, int>();
        for (var k = 0; k < text.WordOfToken.Length; k++)
        {
            if (text.WordOfToken[k] != captionWord)
                continue;
            if (k == 0 || text.WordOfToken[k - 1] != captionWord)
                runs.Add((int.MaxValue, int.MinValue));
            runOfToken[k] = runs.Count - 1;
        }
        for (var t = 0; t < tokenIndexOfFrame.Length; t++)
        {
            if (tokenIndexOfFrame[t] < 0 || !runOfToken.TryGetValue(tokenIndexOfFrame[t], out var r))
                continue;
            runs[r] = (Math.Min(runs[r].StartFrame, startFrame + t), Math.Max(runs[r].EndFrame, startFrame + t + 1));
        }
        if (runs.Any(r => r.StartFrame == int.MaxValue))
            return null;
        var frames = WordForms.PartFrames(text.Words[captionWord], runs, piece => TextNormalizer.Speak(piece).Count);
        if (frames is null)
            return null;
        var partSpans = frames.Select(f => new WordSpan(captionWord, f.Piece, f.StartFrame, f.EndFrame, 0)).ToList();
        var refined = WordBoundaryRefiner.Refine(partSpans, startFrame, endFrame, emissions.FrameSeconds, boundaries);
        var parts = new AlignedWordPart[frames.Count];
        for (var p = 0; p < parts.Length; p++)
        {
            var start = p == 0 ? wordStart : Math.Clamp(emissions.StartSeconds + refined[p].Start * emissions.FrameSeconds, wordStart, wordEnd);
            var end = p == parts.Length - 1 ? wordEnd : Math.Clamp(emissions.StartSeconds + refined[p].End * emissions.FrameSeconds, start, wordEnd);
            parts[p] = new AlignedWordPart(frames[p].Piece, start, end);
        }
        return parts;
    }
}
