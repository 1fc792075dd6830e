namespace CtcAlign.Alignment;

/// <summary>
/// One caption word placed in the audio. <see cref="Word"/> is the caption's own spelling ("1995", "Dr.", "them,"),
/// not its normalised form. Times are media seconds, half-open <c>[Start, End)</c>.
/// <see cref="Confidence"/> is exp(mean log-probability over the word's frames), in (0, 1].
/// <see cref="Parts"/>: for a hyphenated compound ("well-known"), its pieces with their own times; null otherwise.
/// </summary>
public sealed record AlignedWord(string Word, double Start, double End, double Confidence, IReadOnlyList<AlignedWordPart>? Parts = null)
{
    /// <summary>
    /// Nats a letter by which the word's path falls below the model's own hearing over the word's frames
    /// (<see cref="HeardLetters.Deficit"/> over its tokens): near 0 for a word that was said, several nats for one that
    /// was not (replaced, or added and squeezed onto other speech). Null when not measured.
    /// </summary>
    public double? MisfitPerLetter { get; init; }

    /// <summary>
    /// Nats of letters the model hears between the previous word of the same chunk and this one that no caption token
    /// takes (<see cref="HeardLetters.UnexplainedLetters"/>): speech of a word left out of the caption. Null for a chunk's
    /// first word and when not measured.
    /// </summary>
    public double? UnexplainedBefore { get; init; }

    /// <summary>
    /// The word as scoring tools expect it (CTM, TextGrid): without leading and trailing punctuation, a hyphenated
    /// compound as its parts with their own times (kept inside the word's times). The caption's spelling when
    /// nothing is left after removing punctuation.
    /// </summary>
    public IReadOnlyList<AlignedWordPart> SpokenParts()
    {
        if (Parts is { Count: > 1 })
        {
            return Parts.Select(p =>
            {
                var start = Math.Clamp(p.Start, Start, End);
                return p with { Start = start, End = Math.Clamp(p.End, start, End) };
            }).ToList();
        }
        var bare = WordForms.Bare(Word);
        return [new AlignedWordPart(bare.Length > 0 ? bare : Word, Start, End)];
    }
}
