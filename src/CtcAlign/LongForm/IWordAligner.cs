using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// CTC forced alignment (ALGORITHMS.md section 1) of one placed chunk inside <paramref name="segment"/> (leading and
/// trailing audio without text is allowed). Returns one word per caption word that has tokens, in order, with the
/// caption's own spelling and media-time seconds (<see cref="EmissionMatrix.TimeOf"/>). Throws
/// <see cref="AlignmentException"/> when the text cannot fit the segment.
/// </summary>
public interface IWordAligner
{
    IReadOnlyList<AlignedWord> AlignWords(EmissionMatrix segment, TokenizedText text);
}
