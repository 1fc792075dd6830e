using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// The feature vector of each placed line, from the alignment's own evidence (what <see cref="LineCalibrator"/> turns
/// into p_correct). A pure function of the assembled segments, in caption order; every value is clamped to a fixed
/// range so one wild line cannot dominate the regression. The names are stored with the fitted coefficients in the
/// model package: a package fitted over other features is refused.
/// </summary>
public static class LineEvidence
{
    /// <summary>Previous placed lines whose rho makes the window's rho history.</summary>
    public const int RhoHistory = 5;

    /// <summary>Placed lines on each side whose caption offsets make the typical offset a line is compared with.</summary>
    public const int OffsetNeighbours = 10;

    private const double MinLog = -20;

    /// <summary>The features, in vector order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "rho",                  // the line's rho (minimum over its chunks)
        "rho_history",          // mean rho of the previous placed lines (up to RhoHistory), the line's own when none
        "word_logp_mean",       // mean over words of log(word confidence)
        "word_logp_min",
        "word_logp_first",
        "word_logp_last",
        "log_words",            // log(1 + words)
        "chars_per_second",     // normalised characters over the line's duration
        "log_duration",         // log(1 + seconds)
        "gap_previous",         // seconds from the previous placed line's end to this start (clamped -5..10; 10 when none)
        "gap_next",             // seconds from this end to the next placed line's start
        "hint_offset",          // start minus the caption's own start (seconds, clamped -10..10; 0 without caption times)
        "hint_offset_deviation",// |hint_offset - median hint_offset of the neighbouring placed lines|
        "hint_missing",         // 1 when the caption had no times
        "caption_wer",          // caption-vs-audio WER of the line (0 when not measured)
        "caption_wer_missing",
        "check_low_rho",        // the rule checks that fired (1 or 0)
        "check_pause",
        "check_not_heard",
        "check_slow_speech",
        "check_word_problem",
        "check_caveat",         // relocated (moved back over unconfirmed text) or another caveat
        "edge_extension",       // seconds the unheard edge words were moved outwards
        "window_position",      // 0 first chunk of the window it was accepted in, 1 last
        "log_window_chunks",    // log(chunks in that window)
        "rule_aligned",         // 1 when the rules alone would say aligned
        "speech_before",        // seconds of speech no word accounts for just before the first word, a stretch that ends
                                // within EdgeSpeechSeconds (EdgeSpeech; 0 when none or longer)
        "speech_after",         // the same just after the last word
        "speech_before_long",   // 1 when that speech goes on past EdgeSpeechSeconds (speech of its own)
        "speech_after_long",
        "silence_longest",      // seconds of the longest stretch inside the line where the model hears no letter (LetterFrames)
        "silence_edge",         // the longer of such stretches at the line's start and at its end
    ];

    /// <summary>
    /// The feature vector of every line that has times (null for lines without: never placed or not aligned).
    /// </summary>
    public static double[]?[] Build(IReadOnlyList<AlignedSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var placed = Enumerable.Range(0, segments.Count).Where(i => IsPlaced(segments[i])).ToArray();
        var offsets = placed.Select(i => HintOffset(segments[i])).ToArray();
        var result = new double[]?[segments.Count];
        for (var k = 0; k < placed.Length; k++)
        {
            var i = placed[k];
            var s = segments[i];
            var start = s.Start!.Value;
            var end = s.End!.Value;
            var history = placed.Skip(Math.Max(0, k - RhoHistory)).Take(k - Math.Max(0, k - RhoHistory)).Select(j => segments[j].Rho).ToArray();
            var logs = s.Words.Select(w => Math.Max(MinLog, Math.Log(Math.Max(w.Confidence, 1e-30)))).ToArray();
            var chars = s.NormalizedText.Length;
            var duration = Math.Max(end - start, 0);
            var neighbourOffsets = Enumerable.Range(Math.Max(0, k - OffsetNeighbours), Math.Min(placed.Length, k + OffsetNeighbours + 1) - Math.Max(0, k - OffsetNeighbours))
                .Where(j => j != k && offsets[j] is not null).Select(j => offsets[j]!.Value).Order().ToArray();
            var offset = offsets[k];
            var deviation = offset is { } o && neighbourOffsets.Length > 0 ? Math.Abs(o - neighbourOffsets[neighbourOffsets.Length / 2]) : 0;
            var checks = s.Facts?.Checks ?? LineChecks.None;
            result[i] =
            [
                Clamp(s.Rho, MinLog, 0),
                history.Length > 0 ? Clamp(history.Average(), MinLog, 0) : Clamp(s.Rho, MinLog, 0),
                logs.Length > 0 ? logs.Average() : MinLog,
                logs.Length > 0 ? logs.Min() : MinLog,
                logs.Length > 0 ? logs[0] : MinLog,
                logs.Length > 0 ? logs[^1] : MinLog,
                Math.Log(1 + s.Words.Count),
                Clamp(chars / Math.Max(duration, 0.05), 0, 50),
                Math.Log(1 + duration),
                k > 0 ? Clamp(start - segments[placed[k - 1]].End!.Value, -5, 10) : 10,
                k + 1 < placed.Length ? Clamp(segments[placed[k + 1]].Start!.Value - end, -5, 10) : 10,
                offset is { } h ? Clamp(h, -10, 10) : 0,
                Clamp(deviation, 0, 10),
                offset is null ? 1 : 0,
                s.CaptionWer is { } wer ? Clamp(wer, 0, 2) : 0,
                s.CaptionWer is null ? 1 : 0,
                Flag(checks, LineChecks.LowRho),
                Flag(checks, LineChecks.Pause),
                Flag(checks, LineChecks.NotHeard),
                Flag(checks, LineChecks.SlowSpeech),
                Flag(checks, LineChecks.WordProblem),
                Flag(checks, LineChecks.Caveat),
                Clamp(s.Facts?.EdgeExtensionSeconds ?? 0, 0, 5),
                s.Facts?.WindowPosition ?? 1,
                Math.Log(Math.Max(1, s.Facts?.WindowChunks ?? 1)),
                s.Status == SegmentStatus.Aligned ? 1 : 0,
                Clamp(s.Facts?.SpeechBeforeSeconds ?? 0, 0, 5),
                Clamp(s.Facts?.SpeechAfterSeconds ?? 0, 0, 5),
                s.Facts?.SpeechBeforeLong == true ? 1 : 0,
                s.Facts?.SpeechAfterLong == true ? 1 : 0,
                Clamp(s.Facts?.SilenceLongestSeconds ?? 0, 0, 5),
                Clamp(s.Facts?.SilenceEdgeSeconds ?? 0, 0, 5),
            ];
        }
        return result;
    }

    /// <summary>A line the features describe: it has times and was not judged not aligned.</summary>
    public static bool IsPlaced(AlignedSegment segment) =>
        segment.Status != SegmentStatus.NotAligned && segment.Start is not null && segment.End is not null;

    private static double? HintOffset(AlignedSegment s) => s.HintStart is { } h ? s.Start!.Value - h : null;

    private static double Flag(LineChecks checks, LineChecks flag) => (checks & flag) != 0 ? 1 : 0;

    private static double Clamp(double v, double lo, double hi) => double.IsNaN(v) ? lo : Math.Clamp(v, lo, hi);
}
