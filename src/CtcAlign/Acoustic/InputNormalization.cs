namespace CtcAlign.Acoustic;

/// <summary>
/// How raw samples are scaled before the network sees them. <see cref="ZeroMeanUnitVariance"/> is applied per
/// inference window (the whole input of one Run, context included), as wav2vec2's do_normalize does per utterance.
/// </summary>
public enum InputNormalization
{
    None,
    ZeroMeanUnitVariance,
}
