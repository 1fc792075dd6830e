namespace CtcAlign.Decoding;

/// <summary>Settings of CTC prefix beam search (no language model).</summary>
/// <param name="BeamWidth">Prefixes kept after each frame.</param>
/// <param name="NBest">Hypotheses returned, best first (at most <paramref name="BeamWidth"/>).</param>
/// <param name="TokenMinLogProbability">At each frame only the best token and tokens with at least this log-probability
/// extend a prefix (-5 = p 0.0067, as in pyctcdecode); negative infinity considers every token.</param>
public sealed record BeamSearchOptions(int BeamWidth = 16, int NBest = 1, double TokenMinLogProbability = -5.0)
{
    public void Validate()
    {
        if (BeamWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), $"Beam width must be >= 1; got {BeamWidth}.");
        if (NBest < 1 || NBest > BeamWidth)
            throw new ArgumentOutOfRangeException(nameof(NBest), $"N-best must be between 1 and the beam width {BeamWidth}; got {NBest}.");
        if (double.IsNaN(TokenMinLogProbability) || TokenMinLogProbability > 0)
            throw new ArgumentOutOfRangeException(nameof(TokenMinLogProbability), $"Token threshold must be a log-probability <= 0; got {TokenMinLogProbability}.");
    }
}
