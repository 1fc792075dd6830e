namespace CtcAlign.Alignment;

/// <summary>
/// One caption word on the best path, before boundary refinement: from its first token's first frame to its last
/// token's last frame + 1, <c>[StartFrame, EndFrame)</c>, absolute frames. <see cref="Word"/> is the caption's own
/// spelling. <see cref="MeanLogProb"/> is the mean path log-probability over those frames (blanks inside the
/// word included); <see cref="Confidence"/> is its exp.
/// </summary>
public sealed record WordSpan(int CaptionWordIndex, string Word, int StartFrame, int EndFrame, double MeanLogProb)
{
    public double Confidence => Math.Exp(MeanLogProb);
}
