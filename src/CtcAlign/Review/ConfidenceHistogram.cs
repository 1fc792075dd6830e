using CtcAlign.Alignment;

namespace CtcAlign.Review;

/// <summary>
/// Line counts by confidence, with the bins of <c>ctcalign inspect</c>: rho &gt;= -1, [-2,-1), [-3,-2), [-5,-3),
/// [-10,-5), below -10, and the lines that were not placed.
/// </summary>
public static class ConfidenceHistogram
{
    /// <summary>Lower edges of the bins of placed lines; each bin runs up to the previous edge (the first has no top).</summary>
    public static readonly IReadOnlyList<(string Label, double Low)> Bins =
    [
        (">= -1", -1), ("[-2, -1)", -2), ("[-3, -2)", -3), ("[-5, -3)", -5), ("[-10, -5)", -10), ("< -10", double.NegativeInfinity),
    ];

    public const string NotAlignedLabel = "not aligned";

    /// <summary>(label, count) for each bin of <see cref="Bins"/>, then the not-aligned lines.</summary>
    public static IReadOnlyList<(string Label, int Count)> Count(IEnumerable<AlignedSegment> segments)
    {
        var counts = new int[Bins.Count + 1];
        foreach (var s in segments)
            counts[BinOf(s)]++;
        return [.. counts.Select((c, i) => (i < Bins.Count ? Bins[i].Label : NotAlignedLabel, c))];
    }

    /// <summary>The bin index of one line (<see cref="Bins"/>.Count for a line that was not placed).</summary>
    public static int BinOf(AlignedSegment s)
    {
        if (s.Status == SegmentStatus.NotAligned)
            return Bins.Count;
        for (var i = 0; i < Bins.Count; i++)
            if (s.Rho >= Bins[i].Low)
                return i;
        return Bins.Count - 1; // NaN
    }
}
