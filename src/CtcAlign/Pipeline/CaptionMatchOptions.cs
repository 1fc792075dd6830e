namespace CtcAlign.Pipeline;

/// <summary>
/// The check, before aligning a file, that its captions belong to its audio (<see cref="CaptionMatchCheck"/>): the stretches
/// of the first <see cref="LookSeconds"/> with the most speech, and the score below which the captions do not match.
/// </summary>
public sealed record CaptionMatchOptions
{
    /// <summary>Run the check at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Align a file whose captions do not match anyway (its aligned lines become low_confidence).</summary>
    public bool AlignMismatched { get; init; }

    /// <summary>How much audio from the start of the file the check reads (all of it when shorter).</summary>
    public double LookSeconds { get; init; } = 180;

    /// <summary>Length of one stretch compared with the caption text around it.</summary>
    public double StretchSeconds { get; init; } = 15;

    /// <summary>How many stretches (those with the most speech) are compared.</summary>
    public int Stretches { get; init; } = 8;

    /// <summary>A stretch with fewer frames where the model hears a token is music or silence and not compared.</summary>
    public int MinSpeechFrames { get; init; } = 40;

    /// <summary>Caption text this many seconds either side of a stretch (by the caption times) may be what it says.</summary>
    public double TextMarginSeconds { get; init; } = 30;

    /// <summary>
    /// Captions match when their score (nats per speech frame, text path minus the text-free baseline) beats the same text read
    /// backwards by at least this much: spoken text explains its audio far better than its letters in another order, text that
    /// is not spoken there no better (measured on the sample: 1.2 and 2.7 matching, 0.18 random words, 0.37 another text).
    /// </summary>
    public double MinMargin { get; init; } = 0.6;
}
