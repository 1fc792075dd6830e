using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// Aligns the captions of one media file to its audio. Returns one <see cref="AlignedSegment"/> per caption
/// line, in caption order, with <c>Index</c> the caption's index. Throws a <see cref="CtcAlignException"/>
/// for bad input (unreadable audio, text that cannot fit) and <see cref="OperationCanceledException"/> when
/// cancelled; it stores nothing, so a cancelled file leaves no trace. With <see cref="AlignerSettings.Jobs"/>
/// above 1 the align command calls <see cref="AlignAsync"/> for several files at once on one instance.
/// Caption times in <see cref="MediaJob.Captions"/> are hints only; the command copies them into
/// <c>HintStart</c>/<c>HintEnd</c> when the aligner leaves those unset.
/// </summary>
public interface IMediaAligner : IDisposable
{
    Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken);
}
