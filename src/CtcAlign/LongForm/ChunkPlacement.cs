using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Where one chunk of a caption line was placed: its rho (raw, without the short-segment penalty), the tight span
/// the segmenter gave it (media seconds), and its words from the word aligner (empty when that failed, see
/// <see cref="WordProblem"/>).
/// </summary>
public sealed record ChunkPlacement(
    int LineIndex,
    int ChunkIndex,
    double Rho,
    double SpanStart,
    double SpanEnd,
    IReadOnlyList<AlignedWord> Words,
    string? WordProblem)
{
    /// <summary>
    /// Why this placement cannot be trusted although its rho and timing look fine (for example: it was moved back over
    /// unconfirmed text before it); the line is then low confidence with this reason, and the chunk never anchors.
    /// </summary>
    public string? Caveat { get; init; }

    /// <summary>Its caption times chose this place (<see cref="UtteranceSpan.PlacedByHint"/>): a reason of the rules, and p_correct needs <see cref="LineCalibrator.PlacedByHintMinP"/>.</summary>
    public bool PlacedByHint { get; init; }

    /// <summary>What re-ranking changed in this chunk's words (set by a <see cref="PlacementRefiner"/>).</summary>
    public string? RerankNote { get; init; }

    /// <summary>Word edits between the chunk's caption words and what the model hears in its audio, when measured.</summary>
    public int? CaptionWordErrors { get; init; }

    /// <summary>Caption words the edits are counted over (normalised words).</summary>
    public int CaptionWordCount { get; init; }

    /// <summary>Seconds the unheard edge words were moved outwards (<see cref="UnheardEdgeExtension"/>), 0 when not.</summary>
    public double EdgeExtensionSeconds { get; init; }

    /// <summary>
    /// The speech before the chunk's first word that no placed word accounts for (<see cref="EdgeSpeech"/>: seconds, and
    /// whether it goes on past the limit); set on a line's first chunk.
    /// </summary>
    public (double Seconds, bool Beyond) SpeechBefore { get; init; }

    /// <summary>The same after the chunk's last word; set on a line's last chunk.</summary>
    public (double Seconds, bool Beyond) SpeechAfter { get; init; }

    /// <summary>
    /// The frames where the model hears a letter, from the chunk's first word (for a line's later chunk: from the
    /// previous placed words' end) to its last; null when not recorded.
    /// </summary>
    public LetterFrames? Letters { get; init; }

    /// <summary>Where the chunk sat in the window it was accepted in: 0 first, 1 last (1 for a window of one chunk).</summary>
    public double WindowPosition { get; init; } = 1;

    /// <summary>Chunks in the window it was accepted in (1 when not placed in windows).</summary>
    public int WindowChunks { get; init; } = 1;

    /// <summary>Placed with words, no caveat, rho at least the not-aligned cut, and a line timing that passes its checks.</summary>
    internal bool IsTrusted(IpfaOptions options) =>
        Words.Count > 0 && Caveat is null && Rho >= options.NotAlignedBelowRho && LineTimingCheck.Check(Words, options).Passed;
}
