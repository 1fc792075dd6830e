namespace CtcAlign.Text;

/// <summary>What the normaliser does with a character the model's vocabulary cannot spell (after case folding and accent stripping).</summary>
public enum UnknownCharacterPolicy
{
    /// <summary>Leave the character out and add a warning to <see cref="NormalizedText.Warnings"/>.</summary>
    Drop,

    /// <summary>Replace it by <see cref="TextNormalizerOptions.WildcardToken"/> (a vocabulary token that stands for "any sound").</summary>
    Wildcard,
}
