namespace CtcAlign.Acoustic;

/// <summary>What the network's output holds per frame: raw scores (log-softmax is applied) or log-probabilities.</summary>
public enum ModelOutputKind
{
    Logits,
    LogProbs,
}
