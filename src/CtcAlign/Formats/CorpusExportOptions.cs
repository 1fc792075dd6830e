namespace CtcAlign.Formats;

/// <summary>
/// Which segments go into a corpus and how clips are cut. With <see cref="MinConfidence"/> null only segments
/// with status aligned are taken; with a value, every placed segment with rho &gt;= it.
/// </summary>
/// <param name="MinConfidence">Lowest rho taken (e.g. -5), or null for "status aligned".</param>
/// <param name="PaddingSeconds">Most audio added before and after each clip: silence only, never reaching into a
/// neighbouring word (the words of the media's other lines and clips), clamped to the media.</param>
/// <param name="UseNormalizedText">Write the normalised (spoken-form) text rather than the caption's own.</param>
/// <param name="MaxDurationSeconds">Longest clip, padding included; longer lines are split at the pauses between their
/// words (<see cref="PauseSplitter"/>). Null: no limit.</param>
/// <param name="MinDurationSeconds">Clips shorter than this (padding included) are left out.</param>
/// <param name="CutClips">Cut clips into <c>clips/</c>. Always on for NeMo, Hugging Face and lhotse; for Kaldi off by
/// default (wav.scp names the original recordings and <c>segments</c> gives the offsets).</param>
public sealed record CorpusExportOptions(
    double? MinConfidence = null,
    double PaddingSeconds = CorpusExportOptions.DefaultPaddingSeconds,
    bool UseNormalizedText = true,
    double? MaxDurationSeconds = CorpusExportOptions.DefaultMaxDurationSeconds,
    double MinDurationSeconds = 0,
    bool CutClips = false)
{
    public const double DefaultPaddingSeconds = 0.15;

    /// <summary>
    /// Lowest p_correct taken (export --min-p): every placed segment with p_correct at or above it (and rho at or above
    /// <see cref="MinConfidence"/> when that is given too), whatever its status; segments without p_correct are left out.
    /// </summary>
    public double? MinP { get; init; }

    public const double DefaultMaxDurationSeconds = 30;

    /// <summary>The one-line reason these options cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (!(PaddingSeconds >= 0) || double.IsInfinity(PaddingSeconds))
            return $"padding must be 0 or more seconds (got {PaddingSeconds:0.###})";
        if (!(MinDurationSeconds >= 0) || double.IsInfinity(MinDurationSeconds))
            return $"minimum duration must be 0 or more seconds (got {MinDurationSeconds:0.###})";
        if (MaxDurationSeconds is { } max)
        {
            if (!(max > 2 * PaddingSeconds))
                return $"maximum duration ({max:0.###} s) must be more than twice the padding ({PaddingSeconds:0.###} s)";
            if (max < MinDurationSeconds)
                return $"maximum duration ({max:0.###} s) is below the minimum duration ({MinDurationSeconds:0.###} s)";
        }
        return null;
    }
}
