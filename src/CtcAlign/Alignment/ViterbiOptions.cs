namespace CtcAlign.Alignment;

/// <summary>Options of <see cref="ViterbiAligner"/>.</summary>
public sealed record ViterbiOptions
{
    /// <summary>
    /// Most bytes of back-pointers (one per frame x state) held at once. Longer inputs are aligned exactly in
    /// blocks: a first pass keeps one score row per block, then each block is recomputed with its back-pointers
    /// and backtracked, so memory stays near this figure instead of growing as frames x states.
    /// </summary>
    public long MaxBackPointerBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Star token (ALGORITHMS.md section 5) at the edges: when set, the blank before the first token and the blank
    /// after the last also accept a "star" with this constant log-probability, so untranscribed audio before and
    /// after the text (music, other speech) is absorbed instead of pulling the text toward it. Null (default): off.
    /// </summary>
    public float? StarLogProb { get; init; }

    public static ViterbiOptions Default { get; } = new();
}
