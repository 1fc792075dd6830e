namespace CtcAlign.Decoding;

/// <summary>
/// Word-level edit distance of a hypothesis against a reference. <see cref="Rate"/> = Errors / ReferenceWords; an
/// empty reference counts as one word, so every inserted word is one error over it.
/// </summary>
public readonly record struct WordErrorCount(int Errors, int ReferenceWords)
{
    public double Rate => Errors / (double)Math.Max(1, ReferenceWords);
}
