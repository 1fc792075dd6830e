using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// The real <see cref="IUtteranceSegmenter"/>: <see cref="CtcSegmenter"/> (banded ctc-segmentation) over the window.
/// Each span is tight and window-relative: from the frame where the path enters the utterance's first token column to
/// the frame where it leaves its last one (the entry of the separator after it), so <c>[first frame of first column,
/// last frame of last column + 1)</c>. The backtrack starts at the best frame of the final column (the reference
/// default), so audio after the text belongs to no utterance. Rho is the reference rho of section 2 (over the
/// +-0.5 s boundary range, as ctc-segmentation reports it). Text that does not fit throws <see cref="AlignmentException"/>.
/// </summary>
public sealed class CtcUtteranceSegmenter(int blankIndex, CtcSegmentationOptions? options = null) : IUtteranceSegmenter
{
    public CtcSegmentationOptions Options { get; } = (options ?? CtcSegmentationOptions.Default) with { BacktrackFromLastFrame = false };

    public IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(utterances);
        var result = CtcSegmenter.Segment(window, utterances.Select(u => u.TokenIds).ToArray(), blankIndex, Options);
        var spans = new UtteranceSpan[utterances.Count];
        for (var i = 0; i < spans.Length; i++)
        {
            var u = result.Utterances[i];
            var start = u.TokenStartFrames[0];
            var end = Math.Max(start + 1, u.TokenEndFrames[^1]);
            spans[i] = new UtteranceSpan(start, Math.Min(end, window.Frames), Math.Min(0, u.Rho));
        }
        return spans;
    }
}
