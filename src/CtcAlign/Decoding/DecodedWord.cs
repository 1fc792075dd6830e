namespace CtcAlign.Decoding;

/// <summary>
/// One word the model heard. Times are media seconds, half-open <c>[Start, End)</c>: from its first token's first
/// frame to its last token's last frame + 1. <see cref="Confidence"/> is exp(mean log-probability of the word's
/// tokens over the frames that emit them), in (0, 1].
/// </summary>
public sealed record DecodedWord(string Word, double Start, double End, double Confidence);
