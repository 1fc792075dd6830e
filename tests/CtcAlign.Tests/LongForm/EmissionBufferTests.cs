using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class EmissionBufferTests
{
    private static EmissionMatrix Block(int firstFrame, int frames, double start) =>
        new(Enumerable.Range(firstFrame * 2, frames * 2).Select(v => (float)v).ToArray(), frames, 2, 0.02, start);

    [Fact]
    public void Keeps_absolute_frame_numbers_across_appends_and_releases()
    {
        var buffer = new EmissionBuffer();
        buffer.Append(Block(0, 10, 5.0));
        buffer.Append(Block(10, 10, 5.2));
        buffer.ReleaseBefore(7);
        buffer.Append(Block(20, 5, 5.4));

        Assert.Equal(7, buffer.BaseFrame);
        Assert.Equal(25, buffer.EndFrame);
        Assert.Equal(20, buffer.PeakBufferedFrames);
        var window = buffer.Window(8, 12);
        Assert.Equal(5.16, window.StartSeconds, 9);
        Assert.Equal([16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f], window.LogProbs);
        Assert.Equal(1, buffer.ArgMax(9));
    }

    [Fact]
    public void A_window_outside_the_buffered_frames_names_both_ranges()
    {
        var buffer = new EmissionBuffer();
        buffer.Append(Block(0, 10, 0));
        buffer.ReleaseBefore(4);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Window(2, 6));
        Assert.StartsWith("Window [2, 6) is outside the buffered frames [4, 10).", ex.Message);
    }

    [Fact]
    public void Rejects_a_block_with_another_vocabulary()
    {
        var buffer = new EmissionBuffer();
        buffer.Append(Block(0, 10, 0));
        var ex = Assert.Throws<AlignmentException>(() => buffer.Append(new EmissionMatrix(new float[30], 10, 3, 0.02, 0.2)));
        Assert.Equal("Emission block at 0.2 s has 3 tokens, the stream 2.", ex.Message);
    }
}
