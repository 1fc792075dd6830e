namespace CtcAlign.Pipeline;

/// <summary>Which long-form aligner places the caption lines.</summary>
public enum AlignerKind
{
    /// <summary>Iterative pseudo-forced alignment in confidence-anchored windows (streaming, bounded memory).</summary>
    Ipfa,

    /// <summary>One ctc-segmentation of the whole text over the whole file (the baseline; holds the whole file).</summary>
    Global,
}
