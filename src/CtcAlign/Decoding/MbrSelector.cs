namespace CtcAlign.Decoding;

/// <summary>
/// The WER property of Align-With-Purpose (ALGORITHMS.md section 4.5): among an N-best list, choose
/// argmin_h sum_j P(h_j) WER(h, h_j) with P normalised over the list, considering only hypotheses within lambda nats
/// of the most probable one; ties go to the higher log-probability.
/// </summary>
public static class MbrSelector
{
    private const double Tolerance = 1e-12;

    public static MbrResult Select(IReadOnlyList<DecodedHypothesis> nbest, double lambda = 1.0)
    {
        ArgumentNullException.ThrowIfNull(nbest);
        if (nbest.Count == 0)
            throw new ArgumentException("The N-best list is empty.", nameof(nbest));
        if (!(lambda >= 0) || double.IsInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), $"Lambda must be a finite number >= 0; got {lambda}.");

        var bestLogP = nbest.Max(h => h.LogProbability);
        var norm = Math.Log(nbest.Sum(h => Math.Exp(h.LogProbability - bestLogP))) + bestLogP;
        var posterior = nbest.Select(h => Math.Exp(h.LogProbability - norm)).ToArray();
        var words = nbest.Select(h => h.Words.Select(w => w.Word).ToArray()).ToArray();

        var risk = new double[nbest.Count];
        for (var i = 0; i < nbest.Count; i++)
            for (var j = 0; j < nbest.Count; j++)
                if (i != j)
                    risk[i] += posterior[j] * WordErrorRate.Count(words[j], words[i]).Rate;

        var chosen = -1;
        for (var i = 0; i < nbest.Count; i++)
        {
            if (nbest[i].LogProbability < bestLogP - lambda - 1e-9)
                continue;
            if (chosen < 0 || risk[i] < risk[chosen] - Tolerance
                || (Math.Abs(risk[i] - risk[chosen]) <= Tolerance && nbest[i].LogProbability > nbest[chosen].LogProbability))
                chosen = i;
        }
        return new MbrResult(nbest[chosen], chosen, risk, nbest[chosen].LogProbability - bestLogP);
    }
}
