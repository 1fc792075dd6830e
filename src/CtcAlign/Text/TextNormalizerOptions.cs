namespace CtcAlign.Text;

/// <summary>How <see cref="TextNormalizer"/> turns caption text into model tokens.</summary>
public sealed record TextNormalizerOptions
{
    /// <summary>Characters the vocabulary cannot spell, even transliterated: the word is unalignable (default), the character dropped, or mapped to <see cref="WildcardToken"/>.</summary>
    public UnknownCharacterPolicy UnknownCharacters { get; init; } = UnknownCharacterPolicy.Unalignable;

    /// <summary>The vocabulary token used for unknown characters under <see cref="UnknownCharacterPolicy.Wildcard"/>.</summary>
    public string? WildcardToken { get; init; }

    /// <summary>Say "and" inside numbers ("one hundred and one", British) rather than "one hundred one".</summary>
    public bool SayAndInNumbers { get; init; } = true;

    /// <summary>Read four-digit numbers 1100-1999 and 2010-2099 as years ("nineteen ninety five") unless written with a comma.</summary>
    public bool ReadYears { get; init; } = true;

    /// <summary>Say the digit 0 as "oh" rather than "zero" where numbers are read digit by digit ("0800" oh eight oh oh).</summary>
    public bool ZeroAsOh { get; init; }

    /// <summary>Web and e-mail addresses: spelled as read out (default) or left out.</summary>
    public UrlPolicy Urls { get; init; } = UrlPolicy.Spell;

    public static TextNormalizerOptions Default { get; } = new();
}
