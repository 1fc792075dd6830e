using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// Aligns one media file's captions to its emissions as they stream in (long-form IPFA, word times, optional
/// re-ranking and caption WER). The part of the work after the acoustic model: the sequential aligner and the
/// channel pipeline both feed it, so their outputs are the same. Blocks arrive in media order, adjacent, and
/// may be dropped by the implementation once it is past them. Thread-safe: one instance serves several files at once.
/// </summary>
public interface IEmissionAligner
{
    /// <param name="durationSeconds">Media duration when known (lets the aligner re-spread text near the end).</param>
    Task<MediaAlignment> AlignAsync(MediaJob job, IAsyncEnumerable<EmissionMatrix> emissions, double? durationSeconds,
        CancellationToken cancellationToken);
}
