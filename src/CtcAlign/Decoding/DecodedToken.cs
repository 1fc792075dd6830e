namespace CtcAlign.Decoding;

/// <summary>One emitted token of a decoded path: frames <c>[StartFrame, EndFrame)</c> of the emission matrix.</summary>
public readonly record struct DecodedToken(int Token, int StartFrame, int EndFrame);
