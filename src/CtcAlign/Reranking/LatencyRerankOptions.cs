namespace CtcAlign.Reranking;

/// <summary>
/// Settings of latency re-ranking (Align-With-Purpose at inference).
/// </summary>
/// <param name="Lambda">Guard, in nats: only candidates with log p(a) &gt;= log p(a0) - Lambda may be chosen.</param>
/// <param name="Samples">Exact posterior samples (FFBS) added to the candidates; 0 for none.</param>
/// <param name="MaxShift">Largest onset move, in frames, of the latency variants of the Viterbi path (K).</param>
/// <param name="Seed">Seed of the sampler, so the same input always gives the same choice.</param>
/// <param name="SampleWindow">Frames each sample redraws: a window at a random place of the Viterbi path, drawn from
/// its exact conditional posterior given the rest, so samples stay near a0 (on 10 s segments whole-path samples were
/// never inside a 1-nat guard; 20-frame windows were, 65% of the time: see the awp benchmark). 0, or at least the
/// segment length: whole paths drawn from p(a | x, y).</param>
public sealed record LatencyRerankOptions(double Lambda = 1.0, int Samples = 16, int MaxShift = 3, int Seed = 1, int SampleWindow = 20)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!(Lambda >= 0) || double.IsInfinity(Lambda))
            throw new ArgumentOutOfRangeException(nameof(Lambda), $"Lambda must be a finite number >= 0; got {Lambda}.");
        if (Samples < 0)
            throw new ArgumentOutOfRangeException(nameof(Samples), $"Samples must be >= 0; got {Samples}.");
        if (SampleWindow < 0)
            throw new ArgumentOutOfRangeException(nameof(SampleWindow), $"SampleWindow must be >= 0; got {SampleWindow}.");
        if (MaxShift < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxShift), $"MaxShift must be >= 0; got {MaxShift}.");
    }
}
