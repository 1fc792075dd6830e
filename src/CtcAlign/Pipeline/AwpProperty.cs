namespace CtcAlign.Pipeline;

/// <summary>The Align-With-Purpose property word alignments are re-ranked for.</summary>
public enum AwpProperty
{
    /// <summary>Keep the Viterbi path.</summary>
    None,

    /// <summary>Earliest word onsets among alignments within lambda nats of the Viterbi path.</summary>
    Latency,
}
