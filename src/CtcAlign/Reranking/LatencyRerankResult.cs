namespace CtcAlign.Reranking;

/// <summary>
/// The path latency re-ranking chose for one segment. Frames are relative to the segment's first frame.
/// </summary>
/// <param name="Path">Chosen path, one token id per frame (blank = the blank id); collapses to the target.</param>
/// <param name="LogProbability">log p(a) of the chosen path (sum of its log-probabilities).</param>
/// <param name="LogProbabilityDelta">log p(chosen) - log p(Viterbi path): 0 or negative, never below -Lambda.</param>
/// <param name="OnsetShiftFrames">Per target token, how many frames its onset moved; positive = earlier.</param>
/// <param name="MeanShiftMilliseconds">Mean signed shift of the onsets that moved, in ms (positive = earlier); 0 when none moved.</param>
/// <param name="Source">Where the chosen path came from: "viterbi", "sample", "window sample" or "variant".</param>
/// <param name="CandidateCount">Candidates that were valid and scored (the Viterbi path included).</param>
/// <param name="Note">One short line for people, e.g. "3 onsets moved earlier by 20-40 ms, mean 27 ms, -0.42 nats".</param>
public sealed record LatencyRerankResult(
    int[] Path,
    double LogProbability,
    double LogProbabilityDelta,
    int[] OnsetShiftFrames,
    double MeanShiftMilliseconds,
    string Source,
    int CandidateCount,
    string Note)
{
    /// <summary>True when some onset moved.</summary>
    public bool Changed => OnsetShiftFrames.Any(s => s != 0);
}
