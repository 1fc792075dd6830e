namespace CtcAlign.LongForm;

/// <summary>One unit of text for the segmenter: chunk <see cref="ChunkIndex"/> of caption line <see cref="LineIndex"/>.</summary>
public sealed record Utterance(int LineIndex, int ChunkIndex, int[] TokenIds)
{
    /// <summary>Where its caption times let it be (null: anywhere in the window); see <see cref="CtcUtteranceSegmenter"/>.</summary>
    public HintBand? Band { get; init; }
}
