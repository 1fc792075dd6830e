using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// Aligns the captions of one media file to its audio. Returns one <see cref="AlignedSegment"/> per caption
/// line, in caption order, with <c>Index</c> the caption's index. Throws a <see cref="CtcAlignException"/>
/// for bad input (unreadable audio, text that cannot fit) and <see cref="OperationCanceledException"/> when
/// cancelled; it stores nothing, so a cancelled file leaves no trace.
/// </summary>
public interface IMediaAligner : IDisposable
{
    Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken);
}
