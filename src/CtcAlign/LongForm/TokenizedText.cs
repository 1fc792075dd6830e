namespace CtcAlign.LongForm;

/// <summary>
/// A piece of caption text as the model spells it. <see cref="TokenIds"/> are vocabulary columns (word delimiters
/// included where the model has them); <see cref="WordOfToken"/> gives, per token, the index into
/// <see cref="Words"/> of the caption word it spells, or -1 for delimiters. <see cref="Words"/> keep the caption's own
/// spelling ("1995", "Dr."); <see cref="NormalizedText"/> is what was spelled ("nineteen ninety five").
/// </summary>
public sealed record TokenizedText(string NormalizedText, int[] TokenIds, int[] WordOfToken, IReadOnlyList<string> Words)
{
    /// <summary>Characters of speech the text stands for (its normalised length): the unit of the IPFA length rules.</summary>
    public int CharacterCount => NormalizedText.Length;
}

/// <summary>Turns caption text (a whole line or one chunk of it) into model tokens linked to its words.</summary>
public delegate TokenizedText CaptionTokenizer(string captionText);
