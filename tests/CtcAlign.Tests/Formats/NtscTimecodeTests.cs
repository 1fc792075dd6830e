using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class NtscTimecodeTests
{
    /// <summary>Drop-frame labels by counting: every frame adds one to the label, and a new minute that is not a tenth starts at frame 02.</summary>
    private static IEnumerable<(long Frame, string Label)> CountedDropFrameLabels(long frames)
    {
        int hh = 0, mm = 0, ss = 0, ff = 0;
        for (long frame = 0; frame < frames; frame++)
        {
            yield return (frame, $"{hh:00}:{mm:00}:{ss:00};{ff:00}");
            if (++ff < 30)
                continue;
            ff = 0;
            if (++ss < 60)
                continue;
            ss = 0;
            if (++mm == 60)
            {
                mm = 0;
                hh++;
            }
            if (mm % 10 != 0)
                ff = 2;
        }
    }

    [Fact]
    public void Drop_frame_labels_match_counting_frame_by_frame_for_two_hours()
    {
        foreach (var (frame, label) in CountedDropFrameLabels(2 * 107_892 + 100))
        {
            Assert.Equal(label, NtscTimecode.Format(frame, dropFrame: true));
            Assert.Equal(frame, NtscTimecode.TryParse(label, out var drop, out _));
            Assert.True(drop);
        }
    }

    [Fact]
    public void Drop_frame_keeps_up_with_the_clock_and_non_drop_runs_slow()
    {
        // one hour of drop-frame labels is 107892 frames of 1001/30000 s: 3599.9964 s
        Assert.Equal(107_892, NtscTimecode.TryParse("01:00:00;00", out _, out _));
        Assert.Equal(3599.9964, NtscTimecode.Seconds(107_892), 4);
        Assert.Equal(108_000, NtscTimecode.TryParse("01:00:00:00", out var drop, out _));
        Assert.False(drop);
        Assert.Equal("01:00:00:00", NtscTimecode.Format(108_000, dropFrame: false));
        Assert.Equal(3603.6, NtscTimecode.Seconds(108_000), 6);
        Assert.Equal(1800, NtscTimecode.TryParse("00:01:00;02", out _, out _)); // the first label of minute 1
        Assert.Equal(17_982, NtscTimecode.TryParse("00:10:00;00", out _, out _)); // minute 10 keeps its 00 and 01
        Assert.Equal(59, NtscTimecode.FrameAt(59 * 1001 / 30000.0 + 0.01));
    }

    [Theory]
    [InlineData("00:01:00;00", "dropped frame label")]
    [InlineData("00:01:00;01", "dropped frame label")]
    [InlineData("00:00:01;30", "does not exist")]
    [InlineData("00:61:00:00", "does not exist")]
    [InlineData("1:00:00;00", "not a timecode")]
    [InlineData("00:00:00-00", "not a timecode")]
    public void Timecodes_that_do_not_exist_say_why(string text, string why)
    {
        Assert.Null(NtscTimecode.TryParse(text, out _, out var problem));
        Assert.Contains(why, problem);
    }
}
