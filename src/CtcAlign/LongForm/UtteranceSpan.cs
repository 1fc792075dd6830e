namespace CtcAlign.LongForm;

/// <summary>
/// Where the segmenter placed one utterance, in frames of the window it was given: the tight span
/// <c>[StartFrame, EndFrame)</c> from the first frame of its first column to the last frame of its last column + 1
/// (NOT the +-0.5 s padded boundaries), and its confidence <see cref="Rho"/> (&lt;= 0, section 2 scale).
/// </summary>
public readonly record struct UtteranceSpan(int StartFrame, int EndFrame, double Rho)
{
    /// <summary>Its caption times chose this place (<see cref="Utterance.Band"/>): the best path put it more than 0.5 s away.</summary>
    public bool PlacedByHint { get; init; }
}
