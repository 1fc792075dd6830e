namespace CtcAlign.Alignment;

/// <summary>
/// Output of <see cref="CtcSegmenter.Segment"/>. <see cref="ColumnEntryFrames"/> is, for every column of the ground
/// truth (start symbol, then per utterance a separator and its tokens, then a final separator), the frame where
/// the best path enters it (0 for the start column). <see cref="FrameLogProbs"/> is the log-probability of each
/// frame along the best path (the reference's char_probs; 0 where the path does not reach), from which rho is computed.
/// </summary>
public sealed record SegmentationResult(
    IReadOnlyList<UtteranceSegment> Utterances,
    int WindowFrames,
    int[] ColumnEntryFrames,
    float[] FrameLogProbs)
{
    /// <summary>The best path's log-probability: its frames' summed.</summary>
    public double PathLogProb => FrameLogProbs.Sum(lp => (double)lp);
}
