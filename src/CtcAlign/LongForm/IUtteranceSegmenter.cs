using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// ctc-segmentation (ALGORITHMS.md section 2) of utterances, in order, over one window of emissions: free preamble,
/// utterances separated by a blank column, rho per utterance, and the backtrack starting from the best frame of the
/// last column (ctc-segmentation's default, not the window's last frame), so audio after the text belongs to no
/// utterance. Returns one span per utterance, in the same order,
/// monotone and inside <c>[0, window.Frames]</c>. The IPFA aligner calls it only when
/// <c>window.Frames &gt;= sum of token counts + utterance count</c>; an <see cref="AlignmentException"/> thrown anyway
/// (text longer than the audio) is treated as a failed window, not a crash.
/// </summary>
public interface IUtteranceSegmenter
{
    IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances);
}
