namespace CtcAlign.LongForm;

/// <summary>
/// Speech the model hears just outside a line's edge that no placed word accounts for: the stretch of frames whose best
/// token is a letter (neither blank nor the word delimiter), each at most <see cref="IpfaOptions.EdgeSpeechGapSeconds"/>
/// after the line's edge or the previous such frame, between the line's first word and the previous line's last word,
/// or between its last word and the next line's first word. A line whose captioned words are placed right but whose
/// speech goes on (a first or last word the captioner left out, a speaker label or a parenthesis said aloud, a number
/// said longer than it is written) has a short stretch there; a line whose edges meet silence or the neighbouring
/// line's words has none; a stretch that goes on past <see cref="IpfaOptions.EdgeSpeechSeconds"/> is speech of its own
/// (a line that was not captioned, most often), reported apart. Features of p_correct (<see cref="LineEvidence"/>:
/// speech_before, speech_after and their _long flags), not a change of times.
/// </summary>
internal static class EdgeSpeech
{
    /// <summary>How far a stretch of unexplained speech reaches from the edge (frames), and whether it goes on past the limit.</summary>
    public readonly record struct Reach(int Frames, bool Beyond);

    /// <summary>
    /// Walks from frame <paramref name="first"/> (the first frame outside the edge) in direction <paramref name="step"/>
    /// (+1 or -1), stopping before <paramref name="stop"/> (the neighbour's words) and after <paramref name="limit"/>
    /// frames, over frames <paramref name="isSpeech"/> accepts that lie at most <paramref name="gap"/> frames past the
    /// edge or the previous one. Frames: from <paramref name="first"/> (inclusive) to the furthest such frame, 0 when
    /// none. Beyond: the stretch was still going on when the limit was reached.
    /// </summary>
    public static Reach Furthest(Func<int, bool> isSpeech, int first, int step, int stop, int limit, int gap)
    {
        ArgumentNullException.ThrowIfNull(isSpeech);
        if (step is not (1 or -1))
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be +1 or -1");
        if (gap < 1)
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "gap must be at least one frame");
        var reached = 0;
        var i = 0;
        for (var t = first; i < limit && (stop - t) * step > 0; i++, t += step)
        {
            if (i - reached >= gap)
                return new Reach(reached, false); // silence: the stretch ended
            if (isSpeech(t))
                reached = i + 1;
        }
        return new Reach(reached, i == limit && limit - reached < gap && reached > 0);
    }

    /// <summary>The unexplained speech after <paramref name="endSeconds"/>, up to <paramref name="boundSeconds"/> (the next words' start).</summary>
    public static (double Seconds, bool Beyond) After(EmissionBuffer buffer, Func<int, bool> isSpeech, double endSeconds, double boundSeconds,
        IpfaOptions options)
    {
        var first = Math.Max(buffer.BaseFrame, (int)Math.Ceiling((endSeconds - buffer.StartSeconds) / buffer.FrameSeconds - 1e-9));
        var stop = Math.Min(buffer.EndFrame, buffer.FrameAt(boundSeconds));
        return Seconds(buffer, Furthest(isSpeech, first, +1, stop, Limit(buffer, options), Gap(buffer, options)));
    }

    /// <summary>The unexplained speech before <paramref name="startSeconds"/>, back to <paramref name="boundSeconds"/> (the previous words' end).</summary>
    public static (double Seconds, bool Beyond) Before(EmissionBuffer buffer, Func<int, bool> isSpeech, double startSeconds, double boundSeconds,
        IpfaOptions options)
    {
        var first = Math.Min(buffer.EndFrame, buffer.FrameAt(startSeconds)) - 1;
        var stop = Math.Max(buffer.BaseFrame, (int)Math.Ceiling((boundSeconds - buffer.StartSeconds) / buffer.FrameSeconds - 1e-9)) - 1;
        return Seconds(buffer, Furthest(isSpeech, first, -1, stop, Limit(buffer, options), Gap(buffer, options)));
    }

    private static (double, bool) Seconds(EmissionBuffer buffer, Reach reach) => (reach.Frames * buffer.FrameSeconds, reach.Beyond);

    private static int Limit(EmissionBuffer buffer, IpfaOptions options) =>
        Math.Max(0, (int)Math.Round(options.EdgeSpeechSeconds / buffer.FrameSeconds));

    private static int Gap(EmissionBuffer buffer, IpfaOptions options) =>
        Math.Max(1, (int)Math.Round(options.EdgeSpeechGapSeconds / buffer.FrameSeconds));
}
