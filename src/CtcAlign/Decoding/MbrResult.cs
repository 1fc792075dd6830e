namespace CtcAlign.Decoding;

/// <summary>
/// Minimum-Bayes-risk choice among an N-best list.
/// </summary>
/// <param name="Chosen">The hypothesis with the lowest expected WER among those inside the guard.</param>
/// <param name="ChosenIndex">Its index in the N-best list.</param>
/// <param name="ExpectedWer">Per hypothesis, sum over j of P(h_j) * WER(h, h_j), P normalised over the list.</param>
/// <param name="LogProbabilityDelta">log p(chosen) - log p(best hypothesis): 0 or negative, never below -lambda.</param>
public sealed record MbrResult(DecodedHypothesis Chosen, int ChosenIndex, IReadOnlyList<double> ExpectedWer, double LogProbabilityDelta);
