using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>
/// Estimates whether a caption line matches its audio: decodes the line's frames with prefix beam search, takes the
/// minimum-Bayes-risk hypothesis of the N-best (within the lambda guard), and measures the caption's WER against it.
/// A high value flags a caption that does not say what was said (or audio the model cannot hear).
/// </summary>
public static class CaptionWerEstimator
{
    /// <param name="normalizedCaptionWords">The caption's words as normalised for alignment (spelled like the model's tokens).</param>
    /// <param name="beamWidth">Beam width; the whole beam is the N-best list for the MBR choice.</param>
    /// <param name="lambda">MBR guard in nats below the best hypothesis.</param>
    public static CaptionWerResult Estimate(
        EmissionMatrix emissions,
        int startFrame,
        int endFrame,
        Vocabulary vocabulary,
        IReadOnlyList<string> normalizedCaptionWords,
        int beamWidth = 8,
        double lambda = 1.0)
    {
        ArgumentNullException.ThrowIfNull(normalizedCaptionWords);
        var nbest = BeamSearchDecoder.Decode(emissions, vocabulary, new BeamSearchOptions(beamWidth, beamWidth), startFrame, endFrame);
        var chosen = MbrSelector.Select(nbest, lambda).Chosen;
        var count = WordErrorRate.OfCaption(normalizedCaptionWords, chosen);
        return new CaptionWerResult(count.Rate, count.Errors, count.ReferenceWords, chosen);
    }
}
