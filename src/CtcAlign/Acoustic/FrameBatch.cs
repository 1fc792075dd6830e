namespace CtcAlign.Acoustic;

/// <summary>
/// Network output for a batch of equal-length windows: row-major <c>[Windows, FramesPerWindow, VocabularySize]</c>,
/// raw as the network gives it (logits or log-probabilities, see <see cref="ModelDescription.OutputKind"/>).
/// </summary>
public sealed record FrameBatch(float[] Values, int Windows, int FramesPerWindow, int VocabularySize)
{
    public Span<float> Window(int index) =>
        Values.AsSpan(index * FramesPerWindow * VocabularySize, FramesPerWindow * VocabularySize);
}
