namespace CtcAlign.Decoding;

/// <summary>Settings of CTC prefix beam search (no language model).</summary>
/// <param name="BeamWidth">Prefixes kept after each frame.</param>
/// <param name="NBest">Hypotheses returned, best first (at most <paramref name="BeamWidth"/>).</param>
/// <param name="TokenCutoffNats">At each frame only tokens within this many nats of the frame's best token extend a
/// prefix; positive infinity considers every token.</param>
public sealed record BeamSearchOptions(int BeamWidth = 16, int NBest = 1, double TokenCutoffNats = 10.0)
{
    public void Validate()
    {
        if (BeamWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), $"Beam width must be >= 1; got {BeamWidth}.");
        if (NBest < 1 || NBest > BeamWidth)
            throw new ArgumentOutOfRangeException(nameof(NBest), $"N-best must be between 1 and the beam width {BeamWidth}; got {NBest}.");
        if (!(TokenCutoffNats > 0))
            throw new ArgumentOutOfRangeException(nameof(TokenCutoffNats), $"Token cutoff must be > 0 nats; got {TokenCutoffNats}.");
    }
}
