namespace CtcAlign.Alignment;

/// <summary>
/// How well a piece of text explains a stretch of emissions, against what the model hears there with no text at all.
/// The text path is the best CTC path through frames <c>[from, to)</c> of any contiguous run of the text's tokens (it may
/// start and end anywhere in the text, so text spoken before or after the stretch costs nothing) with blanks between;
/// the text-free baseline takes each frame's most likely token. Their difference (&lt;= 0, in nats) is small when the
/// stretch says part of the text and large when it says something else. A pure function.
/// </summary>
public static class LocalCtcScore
{
    /// <summary>Text path log-probability minus the baseline's, and the frames where the baseline hears a token (not blank).</summary>
    public static (double Gap, int SpeechFrames) Of(EmissionMatrix emissions, int from, int to, IReadOnlyList<int> tokens, int blank)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(tokens);
        if (from < 0 || to > emissions.Frames || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"frames [{from}, {to}) are not inside the {emissions.Frames} frames");
        var baseline = 0.0;
        var speech = 0;
        for (var t = from; t < to; t++)
        {
            var best = EmissionMatrix.ArgMax(emissions.Row(t));
            baseline += emissions[t, best];
            if (best != blank)
                speech++;
        }
        var states = 2 * tokens.Count + 1;
        var label = new int[states];
        for (var s = 0; s < states; s++)
            label[s] = s % 2 == 0 ? blank : tokens[s / 2];
        var alpha = new double[states];
        var next = new double[states];
        for (var s = 0; s < states; s++)
            alpha[s] = emissions[from, label[s]];
        for (var t = from + 1; t < to; t++)
        {
            var row = emissions.Row(t);
            for (var s = 0; s < states; s++)
            {
                var best = alpha[s];
                if (s >= 1 && alpha[s - 1] > best)
                    best = alpha[s - 1];
                if (s >= 2 && label[s] != blank && label[s] != label[s - 2] && alpha[s - 2] > best)
                    best = alpha[s - 2];
                next[s] = best + row[label[s]];
            }
            (alpha, next) = (next, alpha);
        }
        return (alpha.Max() - baseline, speech);
    }
}
