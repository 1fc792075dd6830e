namespace CtcAlign.LongForm;

/// <summary>
/// Chunk <see cref="ChunkIndex"/> (of <see cref="ChunkCount"/>) of caption line <see cref="LineIndex"/>: at most
/// <see cref="IpfaOptions.ChunkWords"/> caption words, tokenised.
/// </summary>
public sealed record TextChunk(int LineIndex, int ChunkIndex, int ChunkCount, TokenizedText Text)
{
    public Utterance ToUtterance() => new(LineIndex, ChunkIndex, Text.TokenIds);
}
