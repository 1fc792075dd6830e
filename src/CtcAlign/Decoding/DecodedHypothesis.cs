namespace CtcAlign.Decoding;

/// <summary>
/// One transcription of a stretch of audio. <see cref="LogProbability"/> is, for beam search, log p(labelling | x)
/// summed over the paths the beam kept; for greedy decoding, the log-probability of the single best path.
/// </summary>
public sealed record DecodedHypothesis(
    IReadOnlyList<int> Tokens,
    string Text,
    double LogProbability,
    IReadOnlyList<DecodedWord> Words,
    IReadOnlyList<DecodedToken> Spans);
