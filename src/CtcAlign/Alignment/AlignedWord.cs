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
