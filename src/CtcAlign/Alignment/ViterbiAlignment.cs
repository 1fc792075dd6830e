using CtcAlign.Text;

namespace CtcAlign.Alignment;

/// <summary>
/// The best CTC path of a token sequence over emission frames <c>[StartFrame, EndFrame)</c> (absolute frames of
/// the emission matrix). Per-frame arrays are indexed from <see cref="StartFrame"/>.
/// </summary>
public sealed record ViterbiAlignment(
    int StartFrame,
    int EndFrame,
    int[] FrameTokenIndices,
    float[] FrameLogProbs,
    double LogScore,
    IReadOnlyList<TokenSpan> Tokens)
{
    /// <summary>Number of frames aligned.</summary>
    public int Frames => EndFrame - StartFrame;

    /// <summary>Mean log-probability per frame over the whole path (<see cref="LogScore"/> / frames).</summary>
    public double MeanLogProb => Frames == 0 ? 0 : LogScore / Frames;

    /// <summary>Raw spans of the caption words that own tokens, in order (words without tokens are skipped).</summary>
    public IReadOnlyList<WordSpan> WordSpans(NormalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.TokenCount != Tokens.Count)
            throw new ArgumentException($"The text has {text.TokenCount} tokens but the alignment has {Tokens.Count}.", nameof(text));
        var words = new List<WordSpan>();
        foreach (var (wordIndex, first, end) in text.CaptionWordTokenRanges())
        {
            var start = Tokens[first].StartFrame;
            var stop = Tokens[end - 1].EndFrame;
            double sum = 0;
            for (var f = start; f < stop; f++)
                sum += FrameLogProbs[f - StartFrame];
            words.Add(new WordSpan(wordIndex, text.CaptionWords[wordIndex], start, stop, sum / (stop - start)));
        }
        return words;
    }

    /// <summary>
    /// Caption words with media times: raw spans corrected by <see cref="WordBoundaryRefiner"/> (pass
    /// <see cref="WordBoundaryOptions.None"/> for raw emission edges). Confidence = exp(mean log-probability).
    /// </summary>
    public IReadOnlyList<AlignedWord> ToAlignedWords(NormalizedText text, EmissionMatrix emissions, WordBoundaryOptions? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        var spans = WordSpans(text);
        var refined = WordBoundaryRefiner.Refine(spans, StartFrame, EndFrame, emissions.FrameSeconds, boundaries);
        var words = new AlignedWord[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var start = emissions.StartSeconds + refined[i].Start * emissions.FrameSeconds;
            var end = emissions.StartSeconds + refined[i].End * emissions.FrameSeconds;
            words[i] = new AlignedWord(spans[i].Word, start, end, spans[i].Confidence);
        }
        return words;
    }
}
