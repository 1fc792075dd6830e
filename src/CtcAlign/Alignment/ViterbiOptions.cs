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

    public static ViterbiOptions Default { get; } = new();
}
