namespace CtcAlign.Alignment;

/// <summary>
/// How far a CTC path over a caption's tokens falls below what the model hears on its own, in nats, over a run of frames:
/// the free path (each frame's most likely token, the best path of any text) minus the forced path (the caption's
/// tokens). Inside a word's frames it says whether the word's letters are what was heard (a replaced word, or an added
/// one squeezed onto frames of other speech, costs several nats a letter); between two words it counts only frames where
/// the model hears a letter (neither blank nor a word delimiter) that the path does not take: speech no caption word
/// accounts for (a word the captioner left out). Pure functions of the emissions and the path.
/// </summary>
public static class HeardLetters
{
    /// <summary>
    /// The free path's log-probability minus the forced path's over frames <c>[from, to)</c> of the path (0 or more):
    /// <paramref name="frameLogProbs"/>[t] is the forced path's log-probability at frame <paramref name="startFrame"/> + t
    /// of <paramref name="emissions"/>.
    /// </summary>
    public static double Deficit(EmissionMatrix emissions, int startFrame, ReadOnlySpan<float> frameLogProbs, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        double sum = 0;
        for (var t = from; t < to; t++)
            {
            var row = emissions.Row(startFrame + t);
            sum += row[EmissionMatrix.ArgMax(row)] - frameLogProbs[t];
        }
        return Math.Max(0, sum);
    }

    /// <summary>
    /// <see cref="Deficit"/> over the frames of <c>[from, to)</c> whose most likely token is a letter (not
    /// <paramref name="blankIndex"/>, not a delimiter) other than the token the path sits on there
    /// (<paramref name="pathTokenOfFrame"/>[t], the vocabulary column, or the blank).
    /// </summary>
    public static double UnexplainedLetters(EmissionMatrix emissions, int startFrame, ReadOnlySpan<float> frameLogProbs,
        ReadOnlySpan<int> pathTokenOfFrame, int from, int to, int blankIndex, Func<int, bool> isDelimiter)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(isDelimiter);
        double sum = 0;
        for (var t = from; t < to; t++)
        {
            var row = emissions.Row(startFrame + t);
            var best = EmissionMatrix.ArgMax(row);
            if (best == blankIndex || best == pathTokenOfFrame[t] || isDelimiter(best))
                continue;
            sum += row[best] - frameLogProbs[t];
        }
        return Math.Max(0, sum);
    }
}
