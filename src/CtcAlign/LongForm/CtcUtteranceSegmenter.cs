using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// The real <see cref="IUtteranceSegmenter"/>: <see cref="CtcSegmenter"/> (banded ctc-segmentation) over the window.
/// Each span is tight and window-relative: from the frame where the path enters the utterance's first token column to
/// the frame where it leaves its last one (the entry of the separator after it), so <c>[first frame of first column,
/// last frame of last column + 1)</c>. The backtrack starts at the best frame of the final column (the reference
/// default), so audio after the text belongs to no utterance. Rho is the reference rho of section 2 (over the
/// +-0.5 s boundary range, as ctc-segmentation reports it). Text that does not fit throws <see cref="AlignmentException"/>.
/// <para>
/// Utterances with a <see cref="Utterance.Band"/>: when the best path puts one outside its band, the path that keeps
/// every banded utterance inside its band is taken instead, unless it is more than <see cref="MaxBandCostNats"/> less
/// likely (its frames' log-probabilities summed): where the model hears the text about as well in both places (a weak
/// model, text that was never said pulling the next lines onto the wrong speech), the caption times decide; where the
/// audio clearly says otherwise (the captions were timed for another edit), the audio does.
/// </para>
/// </summary>
public sealed class CtcUtteranceSegmenter(int blankIndex, CtcSegmentationOptions? options = null) : IUtteranceSegmenter
{
    public CtcSegmentationOptions Options { get; } = (options ?? CtcSegmentationOptions.Default) with { BacktrackFromLastFrame = false };

    /// <summary>How much less likely (nats) the path inside the bands may be and still be taken (<see cref="IpfaOptions.HintBandMaxCost"/>).</summary>
    public double MaxBandCostNats { get; init; } = IpfaOptions.DefaultHintBandMaxCost;

    public IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(utterances);
        var tokens = utterances.Select(u => u.TokenIds).ToArray();
        var free = CtcSegmenter.Segment(window, tokens, blankIndex, Options);
        var best = Spans(window, free);
        if (FrameRanges(window, utterances) is not { } ranges || Inside(best, ranges))
            return best;
        try
        {
            var inside = CtcSegmenter.Segment(window, tokens, blankIndex, Options, ranges);
            if (free.PathLogProb - inside.PathLogProb > MaxBandCostNats)
                return best;
            var banded = Spans(window, inside);
            var moved = (int)Math.Round(MovedSeconds / window.FrameSeconds);
            for (var i = 0; i < banded.Length; i++)
                if (Math.Abs(banded[i].StartFrame - best[i].StartFrame) > moved || Math.Abs(banded[i].EndFrame - best[i].EndFrame) > moved)
                    banded[i] = banded[i] with { PlacedByHint = true };
            return banded;
        }
        catch (AlignmentException)
        {
            return best; // no path keeps every utterance in its band
        }
    }

    /// <summary>How far the band must move an utterance from the best path's place for <see cref="UtteranceSpan.PlacedByHint"/>.</summary>
    public const double MovedSeconds = 0.5;

    private static UtteranceSpan[] Spans(EmissionMatrix window, SegmentationResult result)
    {
        var spans = new UtteranceSpan[result.Utterances.Count];
        for (var i = 0; i < spans.Length; i++)
        {
            var u = result.Utterances[i];
            var start = u.TokenStartFrames[0];
            var end = Math.Max(start + 1, u.TokenEndFrames[^1]);
            spans[i] = new UtteranceSpan(start, Math.Min(end, window.Frames), Math.Min(0, u.Rho));
        }
        return spans;
    }

    /// <summary>Each utterance's band in window frames (null where it has none, or where its tokens cannot fit it); null when none is banded.</summary>
    private static FrameRange?[]? FrameRanges(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        if (utterances.All(u => u.Band is null))
            return null;
        var ranges = new FrameRange?[utterances.Count];
        var fs = window.FrameSeconds;
        for (var i = 0; i < ranges.Length; i++)
        {
            if (utterances[i].Band is not { } b)
                continue;
            var first = Math.Max(0, (int)Math.Ceiling((b.EarliestStart - window.StartSeconds) / fs - 1e-9));
            var last = Math.Min(window.Frames - 1, (int)Math.Floor((b.LatestEnd - window.StartSeconds) / fs + 1e-9) - 1);
            var range = new FrameRange(first, last);
            if (range.Count >= utterances[i].TokenIds.Length)
                ranges[i] = range;
        }
        return ranges.Any(r => r is not null) ? ranges : null;
    }

    private static bool Inside(UtteranceSpan[] spans, FrameRange?[] ranges)
    {
        for (var i = 0; i < ranges.Length; i++)
            if (ranges[i] is { } r && (spans[i].StartFrame < r.First || spans[i].EndFrame > r.Last + 1))
                return false;
        return true;
    }
}
