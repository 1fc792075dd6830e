using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.LongForm;

/// <summary>
/// Wraps the segmenter and word aligner of one IPFA run: counts the emission frames handed to each (every call counts
/// its whole input), and, when <c>reuse</c> is on, answers a call with the same audio (absolute frames of the file)
/// and the same text from the answers already computed. IPFA asks the same questions often: the chunks of a window
/// are word-aligned again in every attempt with less text and in the next window when the text was carried, and a
/// chunk after untrusted text is scored alone again. Both aligners are pure functions of their input, so a reused
/// answer is the one a new call would give. Answers for audio before the anchor are forgotten (<see cref="Forget"/>).
/// </summary>
internal sealed class AlignmentWork(IUtteranceSegmenter segmenter, IWordAligner wordAligner, bool reuse) : IUtteranceSegmenter, IWordAligner
{
    private readonly Dictionary<(int Start, int Frames, string Text), IReadOnlyList<UtteranceSpan>> _spans = [];
    private readonly Dictionary<(int Start, int Frames, TokenizedText Text), IReadOnlyList<AlignedWord>> _words = [];

    public long SegmenterCalls { get; private set; }

    public long SegmentedFrames { get; private set; }

    public long WordAlignerCalls { get; private set; }

    public long WordAlignedFrames { get; private set; }

    /// <summary>Calls answered from earlier answers (counted in neither the calls nor the frames above).</summary>
    public long Reused { get; private set; }

    public IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        var key = (StartFrame(window), window.Frames, string.Join(',', utterances.Select(u =>
            u.Band is { } b ? FormattableString.Invariant($"{u.LineIndex}.{u.ChunkIndex}@{b.EarliestStart:R}-{b.LatestEnd:R}") : $"{u.LineIndex}.{u.ChunkIndex}")));
        if (reuse && _spans.TryGetValue(key, out var known))
        {
            Reused++;
            return known;
        }
        SegmenterCalls++;
        SegmentedFrames += window.Frames;
        var spans = segmenter.Segment(window, utterances).ToArray();
        if (reuse)
            _spans[key] = spans;
        return spans;
    }

    public IReadOnlyList<AlignedWord> AlignWords(EmissionMatrix segment, TokenizedText text)
    {
        var key = (StartFrame(segment), segment.Frames, text);
        if (reuse && _words.TryGetValue(key, out var known))
        {
            Reused++;
            return known;
        }
        WordAlignerCalls++;
        WordAlignedFrames += segment.Frames;
        var words = wordAligner.AlignWords(segment, text).ToArray();
        if (reuse)
            _words[key] = words;
        return words;
    }

    /// <summary>Drops the answers for audio starting before <paramref name="seconds"/> (behind the anchor: never asked again).</summary>
    public void Forget(double seconds, double frameSeconds)
    {
        var frame = (int)Math.Round(seconds / frameSeconds);
        foreach (var k in _spans.Keys.Where(k => k.Start < frame).ToList())
            _spans.Remove(k);
        foreach (var k in _words.Keys.Where(k => k.Start < frame).ToList())
            _words.Remove(k);
    }

    private static int StartFrame(EmissionMatrix m) => (int)Math.Round(m.StartSeconds / m.FrameSeconds);
}
