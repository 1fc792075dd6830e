using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// How likely a placed line's caption differs from its audio (words added, left out or replaced by the captioner): a
/// logistic model over eight facts of the line that the aligner measured anyway, each evidence of one kind of change.
/// <list type="bullet">
/// <item><c>misfit_contrast</c>: the worst word's <see cref="AlignedWord.MisfitPerLetter"/> minus the line's median word's
/// (nats a letter, 0 for a word not measured: a word replaced, or added and squeezed onto other speech);</item>
/// <item><c>unexplained</c>: the most <see cref="AlignedWord.UnexplainedBefore"/> between two words (nats: speech of a word
/// left out inside the line);</item>
/// <item><c>confidence_contrast</c>: ln(weakest word confidence / median word confidence) (a word not heard);</item>
/// <item><c>shortest_word</c>: ln of the shortest seconds-per-letter of a word over the line's median seconds-per-letter (an
/// added word has no speech of its own and is squeezed into a few frames);</item>
/// <item><c>longest_word</c>: the same for the slowest word. Its weight is negative: in a right line some word is
/// drawn out (a stressed or phrase-final word, a pause taken into a word), while text that does not fit its audio is
/// spread over it more evenly;</item>
/// <item><c>speech_before</c>, <c>speech_after</c>: seconds of speech no word accounts for just before the first word and
/// after the last (<see cref="LineFacts.SpeechBeforeSeconds"/>: a first or last word left out);</item>
/// <item><c>caption_wer</c>: the caption's word error rate against what the model hears (<see cref="AlignedSegment.CaptionWer"/>, 0 when
/// not measured).</item>
/// </list>
/// Medians are lower medians (of an even count, the lower middle value). The coefficients were fitted (scikit-learn LogisticRegression, C = 1, on the raw features) on the lines of the
/// tuning programmes of tools/eval/caption-errors.sh (<c>TUNE=1</c>: tr1-tr6 real speech, ts1-ts3 synthetic voices;
/// 189 changed and 588 right captions placed with a heard median word), default model ctcalign-en-conv-real 0.2.4329,
/// the eighth session's calibration block; not on the reported programmes. Also tried there and left out, as they added
/// nothing at the same false-alarm rate: the line's letters per second against the median of its neighbours' (a word
/// left out makes a line slow, one added fast; with this model's word times both groups spread over the same range),
/// the longest pause between words, word durations against the neighbours' rate, the line's rho and word count.
/// A pure function of the segment.
/// </summary>
public static class CaptionDifferenceScore
{
    /// <summary>The features in <see cref="Features"/> order.</summary>
    public static readonly string[] FeatureNames =
        ["misfit_contrast", "unexplained", "confidence_contrast", "shortest_word", "longest_word", "speech_before", "speech_after", "caption_wer"];

    private static readonly double[] Coefficients = [0.704, 0.211, -0.230, -0.778, -0.425, 1.237, 2.723, 0.808];
    private const double Intercept = -4.414;

    /// <summary>The mean of each feature over the right captions of the tuning programmes (what a line that says what was said looks like).</summary>
    private static readonly double[] RightMeans = [1.734, 1.115, -0.804, -0.356, 0.631, 0.020, 0.020, 0.839];

    private const double MinConfidence = 1e-4;
    private const double MinSecondsPerLetter = 1e-3;

    /// <summary>The features of a placed line of two words or more (null for others), in <see cref="FeatureNames"/> order.</summary>
    public static double[]? Features(AlignedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var words = segment.Words;
        if (segment.Start is null || words.Count < 2)
            return null;
        var misfits = words.Select(w => w.MisfitPerLetter ?? 0).ToArray();
        var unexplained = words.Skip(1).Max(w => w.UnexplainedBefore ?? 0);
        var confidences = words.Select(w => w.Confidence).ToArray();
        var perLetter = words.Select(w => (w.End - w.Start) / Letters(w.Word)).ToArray();
        var medianPerLetter = Math.Max(LowerMedian(perLetter), MinSecondsPerLetter);
        return
        [
            misfits.Max() - LowerMedian(misfits),
            unexplained,
            Math.Log(Math.Max(confidences.Min(), MinConfidence) / Math.Max(LowerMedian(confidences), MinConfidence)),
            perLetter.Min(p => Math.Log(Math.Max(p, MinSecondsPerLetter) / medianPerLetter)),
            perLetter.Max(p => Math.Log(Math.Max(p, MinSecondsPerLetter) / medianPerLetter)),
            Math.Clamp(segment.Facts?.SpeechBeforeSeconds ?? 0, 0, 5),
            Math.Clamp(segment.Facts?.SpeechAfterSeconds ?? 0, 0, 5),
            segment.CaptionWer ?? 0,
        ];
    }

    /// <summary>The probability that the caption differs from the audio, from <see cref="Features"/>.</summary>
    public static double Probability(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Coefficients.Length)
            throw new ArgumentException($"Expected {Coefficients.Length} features, got {features.Count}.", nameof(features));
        var z = Intercept;
        for (var i = 0; i < Coefficients.Length; i++)
            z += Coefficients[i] * features[i];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The feature that raises the line's score the most above a right caption's (coefficient times the feature minus its
    /// mean over the right captions of the tuning programmes): the evidence the line's reason names.
    /// </summary>
    public static int Strongest(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var best = 0;
        for (var i = 1; i < Coefficients.Length; i++)
            if (Coefficients[i] * (features[i] - RightMeans[i]) > Coefficients[best] * (features[best] - RightMeans[best]))
                best = i;
        return best;
    }

    /// <summary>Letters of a caption word (a-z and the apostrophe, case ignored; at least 1).</summary>
    public static int Letters(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var n = 0;
        foreach (var c in word)
            if (char.ToLowerInvariant(c) is >= 'a' and <= 'z' or '\'')
                n++;
        return Math.Max(1, n);
    }

    /// <summary>The lower median (the middle value of an odd count, the lower of the two middle values of an even one).</summary>
    public static double LowerMedian(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        return sorted[(sorted.Length - 1) / 2];
    }
}
