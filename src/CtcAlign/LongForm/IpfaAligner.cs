using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Text;

namespace CtcAlign.LongForm;

/// <summary>
/// Iterative pseudo-forced alignment (ALGORITHMS.md section 3) of caption lines to a stream of emissions, in
/// confidence-anchored windows. Emissions are read only as far as the current window needs and released behind the
/// anchor, so memory is bounded by the largest window, not by the file. Caption times are used only to predict where
/// a window ends. Every caption line gets a segment: aligned, low confidence, or not aligned with a reason.
/// </summary>
public sealed class IpfaAligner
{
    private readonly Vocabulary _vocabulary;
    private readonly IUtteranceSegmenter _segmenter;
    private readonly IWordAligner _wordAligner;
    private readonly CaptionTokenizer _tokenizer;

    public IpfaAligner(
        Vocabulary vocabulary,
        IUtteranceSegmenter segmenter,
        IWordAligner wordAligner,
        CaptionTokenizer tokenizer,
        IpfaOptions? options = null)
    {
        _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _wordAligner = wordAligner ?? throw new ArgumentNullException(nameof(wordAligner));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        Options = options ?? new IpfaOptions();
        Options.Validate();
    }

    public IpfaOptions Options { get; }

    /// <summary>Optional work on each accepted chunk while its emissions are held (AWP re-ranking, caption WER).</summary>
    public PlacementRefiner? Refiner { get; init; }

    /// <summary>
    /// Aligns <paramref name="captions"/> (in order) to the emission blocks of one media file.
    /// </summary>
    /// <param name="emissions">Adjacent blocks in time order, as inference produces them.</param>
    /// <param name="mediaDurationSeconds">The file's duration when known (used to re-spread text over the remaining audio).</param>
    public async Task<LongFormResult> AlignAsync(
        IReadOnlyList<CaptionLine> captions,
        IAsyncEnumerable<EmissionMatrix> emissions,
        double? mediaDurationSeconds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(emissions);
        var chunks = captions.Select((c, i) => CaptionChunker.Split(c, i, Options.ChunkWords, _tokenizer)).ToArray();
        await using var feed = new EmissionFeed(emissions, cancellationToken);
        var session = new IpfaSession(Options, _vocabulary, _segmenter, _wordAligner, captions, chunks, feed, mediaDurationSeconds, cancellationToken)
        {
            Refiner = Refiner,
        };
        await session.RunAsync().ConfigureAwait(false);

        var segments = LineAssembler.Assemble(captions, chunks, session.Placements, session.UnplacedReasons, Options, checkTiming: true);
        var buffer = feed.Buffer;
        var secondsRead = buffer.IsEmpty ? 0 : buffer.EndFrame * buffer.FrameSeconds;
        return new LongFormResult(segments, secondsRead, session.Statistics(buffer.PeakBufferedFrames));
    }
}
