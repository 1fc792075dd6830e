namespace CtcAlign.Alignment;

/// <summary>
/// One spoken part of a hyphenated caption word ("well" and "known" of "well-known,"), spelled as in the caption
/// without punctuation, with its own media times <c>[Start, End)</c> inside its word's.
/// </summary>
public sealed record AlignedWordPart(string Word, double Start, double End);
