using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>The p_correct features (against hand-computed values), the logistic regression and the statuses from it.</summary>
public sealed class LineCalibrationTests
{
    private static int F(string name) => LineEvidence.FeatureNames.ToList().IndexOf(name);

    private static AlignedSegment Line(int index, string normalized, double? start, double? end, double rho, SegmentStatus status,
        params (double Start, double End, double Confidence)[] words) =>
        new(index, normalized, normalized, start, end, rho, status, words.Select((w, i) => new AlignedWord($"w{i}", w.Start, w.End, w.Confidence)).ToList());

    /// <summary>Three placed lines around one that was never placed; caption times 1 s before the speech for all but the last.</summary>
    private static AlignedSegment[] Programme() =>
    [
        Line(0, "good evening", 2, 3, -0.5, SegmentStatus.Aligned, (2, 2.5, 0.5), (2.5, 3, 1)) with
            { HintStart = 1, Facts = new LineFacts(LineChecks.None, 0, 0, 2), CaptionWer = 0 },
        Line(1, "here is the news", 4, 6, -3, SegmentStatus.LowConfidence, (4, 4.5, Math.Exp(-1)), (4.5, 5, Math.Exp(-2)), (5, 6, Math.Exp(-3))) with
            { HintStart = 3, StatusReason = "rho -3.00 below the threshold -2; slow speech", Facts = new LineFacts(LineChecks.LowRho | LineChecks.SlowSpeech, 0.25, 1, 2) { SpeechBeforeSeconds = 0.3, SpeechAfterSeconds = 7, SpeechAfterLong = true, SilenceLongestSeconds = 0.75, SilenceEdgeSeconds = 6 } },
        Line(2, "never said", null, null, double.NegativeInfinity, SegmentStatus.NotAligned) with { StatusReason = "not placed" },
        Line(3, "goodbye", 9, 9.5, -1, SegmentStatus.Aligned, (9, 9.5, 1)) with { HintStart = 12, Facts = new LineFacts(LineChecks.None, 0, 1, 1) },
    ];

    [Fact]
    public void Features_of_a_placed_line_are_the_hand_computed_ones()
    {
        var x = LineEvidence.Build(Programme());
        Assert.Equal(LineEvidence.FeatureNames.Count, x[0]!.Length);
        Assert.Null(x[2]); // never placed: no features

        var second = x[1]!;
        Assert.Equal(-3, second[F("rho")]);
        Assert.Equal(-0.5, second[F("rho_history")]); // the one placed line before it
        Assert.Equal(-2, second[F("word_logp_mean")], 12);
        Assert.Equal(-3, second[F("word_logp_min")], 12);
        Assert.Equal(-1, second[F("word_logp_first")], 12);
        Assert.Equal(-3, second[F("word_logp_last")], 12);
        Assert.Equal(Math.Log(4), second[F("log_words")], 12);
        Assert.Equal(16 / 2.0, second[F("chars_per_second")], 12); // "here is the news" over 2 s
        Assert.Equal(Math.Log(3), second[F("log_duration")], 12);
        Assert.Equal(1, second[F("gap_previous")], 12); // 3 -> 4
        Assert.Equal(3, second[F("gap_next")], 12); // 6 -> 9 (the unplaced line is skipped)
        Assert.Equal(1, second[F("hint_offset")], 12);
        // neighbours' offsets: 1 (line 0) and -3 (line 3); sorted [-3, 1], the median taken is the upper one, 1
        Assert.Equal(0, second[F("hint_offset_deviation")], 12);
        Assert.Equal((0, 0, 1), (second[F("hint_missing")], second[F("caption_wer")], second[F("caption_wer_missing")]));
        Assert.Equal((1, 0, 0, 1, 0, 0), (second[F("check_low_rho")], second[F("check_pause")], second[F("check_not_heard")],
            second[F("check_slow_speech")], second[F("check_word_problem")], second[F("check_caveat")]));
        Assert.Equal(0.25, second[F("edge_extension")]);
        Assert.Equal(1, second[F("window_position")]);
        Assert.Equal(Math.Log(2), second[F("log_window_chunks")], 12);
        Assert.Equal(0, second[F("rule_aligned")]);
        Assert.Equal((0.3, 5, 0, 1), (second[F("speech_before")], second[F("speech_after")], second[F("speech_before_long")], second[F("speech_after_long")])); // clamped to 5 s
        Assert.Equal((0.75, 5), (second[F("silence_longest")], second[F("silence_edge")])); // clamped to 5 s
        Assert.Equal((0, 0), (x[0]![F("silence_longest")], x[0]![F("silence_edge")])); // not measured

        var first = x[0]!;
        Assert.Equal(-0.5, first[F("rho_history")]); // no history: its own rho
        Assert.Equal(Math.Log(0.5) / 2, first[F("word_logp_mean")], 12);
        Assert.Equal(10, first[F("gap_previous")]); // no line before
        Assert.Equal(1, first[F("rule_aligned")]);
        Assert.Equal((0, 0), (first[F("caption_wer")], first[F("caption_wer_missing")]));

        var last = x[3]!;
        Assert.Equal((-0.5 - 3) / 2, last[F("rho_history")], 12);
        Assert.Equal(-3, last[F("hint_offset")], 12);
        Assert.Equal(4, last[F("hint_offset_deviation")], 12); // neighbours 1 and 1
        Assert.Equal(10, last[F("gap_next")]);
    }

    [Fact]
    public void Features_are_clamped_to_their_ranges()
    {
        var wild = Line(0, "a", 100, 100.001, -400, SegmentStatus.LowConfidence, (100, 100.001, 1e-300)) with { HintStart = 0 };
        var x = LineEvidence.Build([wild])[0]!;
        Assert.Equal(-20, x[F("rho")]);
        Assert.Equal(-20, x[F("word_logp_min")]);
        Assert.Equal(10, x[F("hint_offset")]);
        Assert.Equal(20, x[F("chars_per_second")], 12); // 1 character over at least 0.05 s
    }

    private static LineCalibration Calibration(double minP = 0.8)
    {
        var n = LineEvidence.FeatureNames.Count;
        var means = new double[n];
        var scales = Enumerable.Repeat(1.0, n).ToArray();
        var weights = new double[n];
        means[F("rho")] = -1;
        scales[F("rho")] = 0.5;
        weights[F("rho")] = 2; // z = 0.5 + 2 * (rho + 1) / 0.5
        return new LineCalibration(LineEvidence.FeatureNames, means, scales, weights, 0.5, minP);
    }

    [Fact]
    public void Probability_is_the_logistic_of_the_standardised_weighted_sum()
    {
        var x = new double[LineEvidence.FeatureNames.Count];
        x[F("rho")] = -1.25;
        Assert.Equal(1 / (1 + Math.Exp(0.5)), LineCalibrator.Probability(Calibration(), x), 12); // z = 0.5 - 1
        x[F("rho")] = -1;
        Assert.Equal(1 / (1 + Math.Exp(-0.5)), LineCalibrator.Probability(Calibration(), x), 12);
        Assert.Throws<ArgumentException>(() => LineCalibrator.Probability(Calibration(), new double[3]));
    }

    [Fact]
    public void Statuses_follow_p_correct_and_never_spoken_lines_stay_out()
    {
        var lines = Programme();
        lines[3] = lines[3] with { Facts = new LineFacts(LineChecks.NotHeard, 0, 1, 1) };
        var result = LineCalibrator.Apply(lines, Calibration(minP: 0.8), minP: null, keepEvidence: false);

        // line 0: rho -0.5 -> z = 2.5, p 0.92: aligned
        Assert.Equal(1 / (1 + Math.Exp(-2.5)), result[0].PCorrect!.Value, 12);
        Assert.Equal((SegmentStatus.Aligned, (string?)null), (result[0].Status, result[0].StatusReason));
        // line 1: rho -3 -> p 0.0008: low confidence, with the rules' reason kept
        Assert.Equal(SegmentStatus.LowConfidence, result[1].Status);
        Assert.Equal("p_correct 0.00 below --min-p 0.8; rho -3.00 below the threshold -2; slow speech", result[1].StatusReason);
        // line 2: never placed: not aligned, no p_correct
        Assert.Equal((SegmentStatus.NotAligned, (double?)null, "not placed"), (result[2].Status, result[2].PCorrect, result[2].StatusReason));
        // line 3: p 0.62 would be low anyway; with --min-p 0.5 it would pass, but its words were not heard
        var low = LineCalibrator.Apply(lines, Calibration(), minP: 0.5, keepEvidence: true);
        Assert.Equal(SegmentStatus.LowConfidence, low[3].Status);
        Assert.StartsWith("p_correct 0.62, but the words were not heard", low[3].StatusReason);
        Assert.Equal(SegmentStatus.Aligned, low[0].Status);
        Assert.Equal(LineEvidence.FeatureNames.Count, low[0].Evidence!.Count);
        Assert.Null(low[2].Evidence);
    }

    [Fact]
    public void A_block_that_vetoes_only_the_pause_aligns_a_not_heard_line_on_its_p_correct()
    {
        var lines = Programme();
        lines[0] = lines[0] with { Facts = new LineFacts(LineChecks.NotHeard, 0, 0, 2) };
        lines[3] = lines[3] with { Facts = new LineFacts(LineChecks.Pause | LineChecks.NotHeard, 0, 1, 1) };
        var pauseOnly = Calibration(minP: 0.5) with { Vetoes = LineChecks.Pause };
        var result = LineCalibrator.Apply(lines, pauseOnly, minP: null, keepEvidence: false);
        // line 0: p 0.92, words not heard: no longer a veto, so aligned
        Assert.Equal((SegmentStatus.Aligned, (string?)null), (result[0].Status, result[0].StatusReason));
        // line 3: p 0.62 >= 0.5, but a long pause splits it: the pause reason, not the not-heard one
        Assert.Equal(SegmentStatus.LowConfidence, result[3].Status);
        Assert.StartsWith("p_correct 0.62, but a long pause splits the line", result[3].StatusReason);
        // the same lines under a block from before the vetoes were stored: both checks veto
        var both = LineCalibrator.Apply(lines, Calibration(minP: 0.5), minP: null, keepEvidence: false);
        Assert.Equal(SegmentStatus.LowConfidence, both[0].Status);
        Assert.StartsWith("p_correct 0.92, but the words were not heard", both[0].StatusReason);
    }

    [Fact]
    public void The_vetoes_change_the_fingerprint_only_when_they_are_not_the_old_two()
    {
        var old = Calibration();
        Assert.Equal(LineCalibration.DefaultVetoes, old.Vetoes);
        Assert.Equal(old.Fingerprint(), (old with { Vetoes = LineChecks.Pause | LineChecks.NotHeard }).Fingerprint());
        Assert.NotEqual(old.Fingerprint(), (old with { Vetoes = LineChecks.Pause }).Fingerprint());
        Assert.NotEqual((old with { Vetoes = LineChecks.None }).Fingerprint(), (old with { Vetoes = LineChecks.Pause }).Fingerprint());
        (old with { Vetoes = LineChecks.None }).Validate();
        Assert.Throws<ArgumentException>((old with { Vetoes = LineChecks.Pause | LineChecks.SlowSpeech }).Validate);
    }

    [Fact]
    public void A_line_its_caption_times_placed_needs_a_higher_p_correct()
    {
        var line = Programme()[0] with { Facts = new LineFacts(LineChecks.PlacedByHint, 0, 0, 2) };
        var doubted = LineCalibrator.WithStatus(line, 0.98, 0.965);
        Assert.Equal(SegmentStatus.LowConfidence, doubted.Status);
        Assert.StartsWith("p_correct 0.98 below 0.99, the bar for a line its caption times placed", doubted.StatusReason);
        Assert.Equal(SegmentStatus.Aligned, LineCalibrator.WithStatus(line, 0.995, 0.965).Status);
        Assert.Equal(SegmentStatus.Aligned, LineCalibrator.WithStatus(line with { Facts = new LineFacts(LineChecks.None, 0, 0, 2) }, 0.98, 0.965).Status);
        Assert.StartsWith("p_correct 0.50 below --min-p 0.965", LineCalibrator.WithStatus(line, 0.5, 0.965).StatusReason);
    }

    [Fact]
    public void Without_a_calibration_the_rule_statuses_stay_and_there_is_no_p_correct()
    {
        var lines = Programme();
        Assert.Same(lines, LineCalibrator.Apply(lines, null, null, keepEvidence: false));
        var kept = LineCalibrator.Apply(lines, null, null, keepEvidence: true);
        Assert.Equal(lines.Select(s => (s.Status, s.StatusReason)), kept.Select(s => (s.Status, s.StatusReason)));
        Assert.All(kept, s => Assert.Null(s.PCorrect));
        Assert.NotNull(kept[0].Evidence);
    }

    [Fact]
    public void A_calibration_over_other_features_does_not_fit_this_build_and_a_malformed_one_is_refused()
    {
        var c = Calibration() with { FeatureNames = ["rho", .. LineEvidence.FeatureNames.Skip(2)] };
        Assert.False(c.FitsThisBuild); // the package loader then leaves it out with a note (ModelCalibrationTests)
        Assert.True(Calibration().FitsThisBuild);
        Assert.Throws<ArgumentException>((Calibration() with { MinP = 1.5 }).Validate);
        Assert.Throws<ArgumentException>((Calibration() with { Scales = new double[LineEvidence.FeatureNames.Count] }).Validate);
        Calibration().Validate();
    }
}
