namespace CtcAlign.Alignment;

/// <summary>
/// Where one utterance lies: frames <c>[StartFrame, EndFrame)</c> of the emission matrix and the same in media
/// seconds (<see cref="StartSeconds"/>, <see cref="EndSeconds"/>, before rounding to frames), with its confidence
/// <see cref="Rho"/> (&lt;= 0; -1 very good, below -2 suspect, -5 the usual cut for training data).
/// <see cref="TokenStartFrames"/>[k] is the frame where the best path enters token k;
/// <see cref="TokenEndFrames"/>[k] is where the next column (next token, or the gap after the utterance) is entered.
/// </summary>
public sealed record UtteranceSegment(
    int Index,
    int StartFrame,
    int EndFrame,
    double StartSeconds,
    double EndSeconds,
    double Rho,
    int[] TokenStartFrames,
    int[] TokenEndFrames);
