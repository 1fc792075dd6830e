using CtcAlign.Alignment;

namespace CtcAlign.Tests.Alignment;

public class WordBoundaryRefinerTests
{
    private static WordSpan W(int start, int end) => new(0, "w", start, end, -0.1);

    [Fact]
    public void Starts_early_splits_short_gaps_and_pads_after_long_ones()
    {
        // 20 ms frames: gap of 6 frames (120 ms) is split, gap of 20 frames (400 ms) is not.
        var r = WordBoundaryRefiner.Refine([W(10, 20), W(26, 40), W(60, 70)], 0, 100, 0.02);
        Assert.Equal((9.0, 23.0), r[0]);
        Assert.Equal((25.0, 42.0), r[1]);
        Assert.Equal((59.0, 72.0), r[2]);
    }

    [Fact]
    public void Never_overlaps_nor_leaves_the_range()
    {
        var o = new WordBoundaryOptions { StartEarlyFrames = 3, EndLateFrames = 5, MidpointMaxGapSeconds = 0 };
        var r = WordBoundaryRefiner.Refine([W(1, 5), W(5, 9), W(30, 39)], 0, 40, 0.02, o);
        Assert.Equal((0.0, 5.0), r[0]);
        Assert.Equal((5.0, 14.0), r[1]);
        Assert.Equal((27.0, 40.0), r[2]);
    }

    [Fact]
    public void None_keeps_raw_emission_edges()
    {
        var r = WordBoundaryRefiner.Refine([W(10, 20), W(26, 40)], 0, 100, 0.02, WordBoundaryOptions.None);
        Assert.Equal([(10.0, 20.0), (26.0, 40.0)], r);
    }
}
