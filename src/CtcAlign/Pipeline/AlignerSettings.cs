using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Pipeline;

/// <summary>
/// What the align command asks of an aligner. <see cref="Threshold"/> is the rho at or above which a placed
/// line counts as aligned (below: low confidence). <see cref="Model"/> null means the default model.
/// </summary>
/// <param name="Model">Model folder (or its model.onnx), or null for the default model.</param>
/// <param name="Device">"auto", "cpu" or "cuda" (optionally "cuda:N").</param>
/// <param name="Jobs">How many media files may be aligned at once.</param>
/// <param name="Threshold">Acceptance threshold on rho (status only; IPFA's anchor threshold is <see cref="IpfaOptions.AnchorThreshold"/>).</param>
public sealed record AlignerSettings(string? Model = null, string Device = "auto", int Jobs = 1, double Threshold = -2.0)
{
    /// <summary>IPFA in confidence-anchored windows (default), or one global ctc-segmentation (the baseline).</summary>
    public AlignerKind Aligner { get; init; } = AlignerKind.Ipfa;

    /// <summary>IPFA parameters (the reference values by default); the global aligner uses its thresholds and chunk size.</summary>
    public IpfaOptions Ipfa { get; init; } = new();

    /// <summary>Align-With-Purpose re-ranking of each accepted segment's word alignment.</summary>
    public AwpProperty Awp { get; init; } = AwpProperty.None;

    /// <summary>Settings of latency re-ranking (lambda, samples, shift K) when <see cref="Awp"/> is latency.</summary>
    public LatencyRerankOptions Latency { get; init; } = new();

    /// <summary>Measure each line's caption-vs-audio WER (beam search + MBR on the line's frames).</summary>
    public bool CaptionWer { get; init; } = true;

    /// <summary>Beam width of the caption-WER decoding (the beam is the N-best list of the MBR choice).</summary>
    public int CaptionWerBeam { get; init; } = 8;

    /// <summary>
    /// Corrections of raw word edges for peaky CTC timing. The default model's first emission of a word comes about one
    /// frame after the word starts (+23 ms on held-out synthesized voices), so words start one frame before it.
    /// </summary>
    public WordBoundaryOptions WordBoundaries { get; init; } = WordBoundaryOptions.Default;

    /// <summary>
    /// Take <see cref="WordBoundaries"/> from the model's measured <see cref="BoundaryRules"/> (where its package has
    /// them; else <see cref="WordBoundaryOptions.Default"/>), with these of the user's choices replacing single rules.
    /// Null: <see cref="WordBoundaries"/> as given. Resolved by <see cref="ForModel"/> once the model is loaded.
    /// </summary>
    public WordBoundaryChoice? BoundariesFromModel { get; init; }

    /// <summary>These settings with the word boundaries resolved for <paramref name="model"/> (see <see cref="BoundariesFromModel"/>).</summary>
    public AlignerSettings ForModel(ModelDescription model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var calibrated = CalibrationFromModel ? this with { Calibration = model.Calibration, CalibrationFromModel = false } : this;
        return calibrated.BoundariesForModel(model);
    }

    /// <summary>
    /// Take <see cref="Calibration"/> from the model package (none when it has none). False: <see cref="Calibration"/> as
    /// given (align --no-calibration: none, rule statuses).
    /// </summary>
    public bool CalibrationFromModel { get; init; } = true;

    /// <summary>The p_correct calibration (null: no p_correct, the rule statuses). Resolved by <see cref="ForModel"/>.</summary>
    public LineCalibration? Calibration { get; init; }

    /// <summary>p_correct at or above which a line is aligned; null: the calibration's own min_p.</summary>
    public double? MinP { get; init; }

    /// <summary>Keep each line's feature vector (<see cref="AlignedSegment.Evidence"/>; align --evidence, for fitting).</summary>
    public bool KeepEvidence { get; init; }

    private AlignerSettings BoundariesForModel(ModelDescription model)
    {
        if (BoundariesFromModel is not { } choice)
            return this;
        var boundaries = model.BoundaryRules is { } rules
            ? rules.ToOptions(model.FrameSeconds, choice.StartEarlyFrames, choice.EndLateFrames, choice.MidpointMaxGapSeconds)
            : WordBoundaryOptions.Default with
            {
                StartEarlyFrames = choice.StartEarlyFrames ?? WordBoundaryOptions.Default.StartEarlyFrames,
                EndLateFrames = choice.EndLateFrames ?? WordBoundaryOptions.Default.EndLateFrames,
                MidpointMaxGapSeconds = choice.MidpointMaxGapSeconds ?? WordBoundaryOptions.Default.MidpointMaxGapSeconds,
            };
        return this with { WordBoundaries = boundaries, BoundariesFromModel = null };
    }

    /// <summary>
    /// Star token (ALGORITHMS.md section 5) of the word aligner: log-probability of a "star" the audio before a chunk's
    /// first token and after its last may take instead of blank, so the edge words do not reach for a matching letter
    /// in untranscribed audio next to the line (on the 30-minute composed broadcast: 79% -> 89% of lines within 0.5 s,
    /// word boundary error 137 -> 38 ms). Null: off.
    /// </summary>
    public float? WordStarLogProb { get; init; } = 0f;

    /// <summary>
    /// Star token of IPFA's ctc-segmentation between utterances (absorbs untranscribed audio between lines). Null: off
    /// (the reference). The global baseline always runs the reference segmentation.
    /// </summary>
    public float? SegmentStarLogProb { get; init; } = -1f;

    /// <summary>
    /// IPFA's ctc-segmentation charges the audio before a window's first line like audio between lines (the star)
    /// instead of skipping it for free, so a line right after the anchor is not pulled across a long pause towards the
    /// next line. Needs <see cref="SegmentStarLogProb"/>.
    /// </summary>
    public bool SegmentStarBeforeFirst { get; init; } = true;

    /// <summary>How caption text becomes model tokens (digit codes' zero, web addresses, unknown characters).</summary>
    public TextNormalizerOptions Text { get; init; } = TextNormalizerOptions.Default;

    /// <summary>ONNX Runtime intra-op threads (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Which of the model's graphs runs (auto: its int8 graph on CPU where it ships one).</summary>
    public Acoustic.ModelPrecision Precision { get; init; }

    /// <summary>The check that a file's captions belong to its audio, before it is aligned.</summary>
    public CaptionMatchOptions MatchCheck { get; init; } = new();
}
