using CtcAlign.Alignment;

namespace CtcAlign.Review;

/// <summary>
/// "Worst first", the order the review page opens in and that its w key walks: lines that were not placed, then
/// the lowest confidence, then caption order (the same order as <c>ctcalign inspect</c>). The order is a list of
/// keys compared in turn, smaller first: a new score (a per-line probability of being right, say) is one more
/// entry in <see cref="WorstFirstKeys"/>.
/// </summary>
public static class ReviewLineOrder
{
    /// <summary>Sort keys, most significant first; a smaller value is a worse line.</summary>
    public static readonly IReadOnlyList<(string Name, Func<AlignedSegment, double> Key)> WorstFirstKeys =
    [
        ("placed", s => s.Status == SegmentStatus.NotAligned ? 0 : 1),
        ("rho", s => double.IsNaN(s.Rho) ? double.NegativeInfinity : s.Rho),
        ("index", s => s.Index),
    ];

    /// <summary>For each line (in the given order), its 0-based rank in worst-first order.</summary>
    public static int[] WorstFirstRanks(IReadOnlyList<AlignedSegment> segments)
    {
        var order = Enumerable.Range(0, segments.Count).ToArray();
        Array.Sort(order, (a, b) => Compare(segments[a], segments[b]));
        var ranks = new int[segments.Count];
        for (var rank = 0; rank < order.Length; rank++)
            ranks[order[rank]] = rank;
        return ranks;
    }

    /// <summary>Negative when <paramref name="a"/> is the worse line.</summary>
    public static int Compare(AlignedSegment a, AlignedSegment b)
    {
        foreach (var (_, key) in WorstFirstKeys)
        {
            var c = key(a).CompareTo(key(b));
            if (c != 0)
                return c;
        }
        return 0;
    }
}
