using CtcAlign.Alignment;

namespace CtcAlign.LongForm;

/// <summary>Applies a <see cref="PlacementRefiner"/> to one accepted segmentation (IPFA windows and the global alignment).</summary>
internal static class PlacementRefinement
{
    /// <summary>
    /// Runs <paramref name="refiner"/> over the placed chunks of one accepted segmentation, in order. Chunks placed below
    /// the not-aligned cut or without words are left as they are (their words are not reported).
    /// </summary>
    public static ChunkPlacement[] Apply(EmissionMatrix window, IReadOnlyList<TextChunk> chunks, IReadOnlyList<ChunkPlacement> placements,
        PlacementRefiner? refiner, IpfaOptions options)
    {
        var result = placements.ToArray();
        if (refiner is null)
            return result;
        var notBefore = window.StartSeconds;
        for (var k = 0; k < result.Length; k++)
        {
            var p = result[k];
            if (p.Words.Count == 0 || p.Rho < options.NotAlignedBelowRho)
                continue;
            result[k] = refiner(window, chunks[k], p, notBefore);
            notBefore = Math.Max(notBefore, result[k].Words.Count > 0 ? result[k].Words[^1].End : notBefore);
        }
        return result;
    }
}
