using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.LongForm;

/// <summary>
/// Counts the emission frames an aligner hands to ctc-segmentation and to the word aligner (each call counts its whole
/// input), so the work of the align stage can be set against the length of the audio. Wraps the real segmenter and
/// word aligner; results are theirs, unchanged.
/// </summary>
internal sealed class AlignmentWork(IUtteranceSegmenter segmenter, IWordAligner wordAligner) : IUtteranceSegmenter, IWordAligner
{
    public long SegmenterCalls { get; private set; }

    public long SegmentedFrames { get; private set; }

    public long WordAlignerCalls { get; private set; }

    public long WordAlignedFrames { get; private set; }

    public IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        SegmenterCalls++;
        SegmentedFrames += window.Frames;
        return segmenter.Segment(window, utterances);
    }

    public IReadOnlyList<AlignedWord> AlignWords(EmissionMatrix segment, TokenizedText text)
    {
        WordAlignerCalls++;
        WordAlignedFrames += segment.Frames;
        return wordAligner.AlignWords(segment, text);
    }
}
