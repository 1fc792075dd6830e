using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.LongForm;

/// <summary>
/// The baseline users run today: one ctc-segmentation of the whole file's text over the whole file's emissions.
/// Each line's start/end is its segmenter span and only rho decides its status (no timing checks, no anchors).
/// Holds the whole file's emissions in memory. Produces the same output as <see cref="IpfaAligner"/> for comparison.
/// </summary>
public sealed class GlobalAligner
{
    private readonly IUtteranceSegmenter _segmenter;
    private readonly IWordAligner _wordAligner;
    private readonly CaptionTokenizer _tokenizer;

    public GlobalAligner(IUtteranceSegmenter segmenter, IWordAligner wordAligner, CaptionTokenizer tokenizer, IpfaOptions? options = null)
    {
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _wordAligner = wordAligner ?? throw new ArgumentNullException(nameof(wordAligner));
        _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        Options = options ?? new IpfaOptions();
        Options.Validate();
    }

    /// <summary>Thresholds (anchor, not-aligned cut) and chunk size; the IPFA window rules do not apply.</summary>
    public IpfaOptions Options { get; }

    /// <summary>Optional work on each placed chunk (AWP re-ranking, caption WER).</summary>
    public PlacementRefiner? Refiner { get; init; }

    public async Task<LongFormResult> AlignAsync(
        IReadOnlyList<CaptionLine> captions,
        IAsyncEnumerable<EmissionMatrix> emissions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(emissions);
        var chunks = captions.Select((c, i) => CaptionChunker.Split(c, i, Options.ChunkWords, _tokenizer)).ToArray();
        var buffer = new EmissionBuffer();
        await foreach (var block in emissions.WithCancellation(cancellationToken).ConfigureAwait(false))
            buffer.Append(block);

        var placements = new Dictionary<(int Line, int Chunk), ChunkPlacement>();
        var unplaced = new Dictionary<int, string>();
        var text = chunks.SelectMany(c => c).ToList();
        var frames = buffer.IsEmpty ? 0 : buffer.EndFrame;
        while (text.Count > 0 && UtterancePlacer.NeededFrames(text) > frames)
        {
            unplaced.TryAdd(text[^1].LineIndex, $"not placed: the text needs more than the {frames} frames of audio");
            text.RemoveAt(text.Count - 1);
        }
        var segmentations = 0;
        if (text.Count > 0)
        {
            var window = buffer.Window(0, frames);
            segmentations = 1;
            try
            {
                var spans = _segmenter.Segment(window, text.Select(c => c.ToUtterance()).ToArray());
                // The baseline as users run it: lines stay where ctc-segmentation put them (no relocation).
                var placed = UtterancePlacer.Place(window, text, spans, _segmenter, _wordAligner, Options with { RelocateUnheardChunks = false });
                foreach (var p in PlacementRefinement.Apply(window, text, placed, Refiner, Options))
                    placements[(p.LineIndex, p.ChunkIndex)] = p;
            }
            catch (AlignmentException ex)
            {
                foreach (var c in text)
                    unplaced.TryAdd(c.LineIndex, $"not placed: {ex.Message}");
            }
        }

        var segments = LineAssembler.Assemble(captions, chunks, placements, unplaced, Options, checkTiming: false);
        var statistics = new LongFormStatistics(segmentations, segmentations, segmentations, 0, 0, 0,
            buffer.PeakBufferedFrames, frames, null);
        return new LongFormResult(segments, frames * buffer.FrameSeconds, statistics);
    }
}
