namespace CtcAlign.Text;

/// <summary>
/// What the normaliser does with a character the model's vocabulary cannot spell after case folding and the safe
/// transliterations of <see cref="LetterFallback"/> ("é" e, "ß" ss, "ﬁ" fi; combining accents dropped).
/// </summary>
public enum UnknownCharacterPolicy
{
    /// <summary>
    /// The whole spoken word is unalignable (default): it gets no tokens, a warning, its caption word index in
    /// <see cref="NormalizedText.UnalignableCaptionWords"/>, and <see cref="TextNormalizer.UnalignableMarker"/> in
    /// <see cref="NormalizedText.Text"/>, so no text for training silently keeps or loses it.
    /// </summary>
    Unalignable,

    /// <summary>Leave the character out of the word and add a warning to <see cref="NormalizedText.Warnings"/>.</summary>
    Drop,

    /// <summary>Replace it by <see cref="TextNormalizerOptions.WildcardToken"/> (a vocabulary token that stands for "any sound").</summary>
    Wildcard,
}
