namespace CtcAlign.Alignment;

/// <summary>
/// One caption word placed in the audio. <see cref="Word"/> is the caption's own spelling ("1995", "Dr."),
/// not its normalised form. Times are media seconds, half-open <c>[Start, End)</c>.
/// <see cref="Confidence"/> is exp(mean log-probability over the word's frames), in (0, 1].
/// </summary>
public sealed record AlignedWord(string Word, double Start, double End, double Confidence);
