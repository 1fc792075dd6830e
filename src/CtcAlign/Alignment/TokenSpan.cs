namespace CtcAlign.Alignment;

/// <summary>
/// Where the best path sits on token <see cref="TokenIndex"/> of the target (vocabulary id <see cref="TokenId"/>):
/// emission frames <c>[StartFrame, EndFrame)</c>, absolute in the emission matrix. <see cref="MeanLogProb"/> is the
/// mean log-probability of the token over those frames; <see cref="Confidence"/> is its exp, in (0, 1].
/// </summary>
public sealed record TokenSpan(int TokenIndex, int TokenId, int StartFrame, int EndFrame, double MeanLogProb)
{
    public double Confidence => Math.Exp(MeanLogProb);
}
