using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>
/// Where one chunk of a caption line was placed: its rho (raw, without the short-segment penalty), the tight span
/// the segmenter gave it (media seconds), and its words from the word aligner (empty when that failed, see
/// <see cref="WordProblem"/>).
/// </summary>
public sealed record ChunkPlacement(
    int LineIndex,
    int ChunkIndex,
    double Rho,
    double SpanStart,
    double SpanEnd,
    IReadOnlyList<AlignedWord> Words,
    string? WordProblem);
