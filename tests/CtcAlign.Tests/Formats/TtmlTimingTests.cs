using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class TtmlTimingTests
{
    private static TtmlTiming Timing(string? frameRate = null, string? multiplier = null, string? tickRate = null, string? timeBase = null,
        string? dropMode = null, string? subFrameRate = null) =>
        TtmlTiming.FromAttributes("t.ttml", frameRate, multiplier, subFrameRate, tickRate, timeBase, dropMode);

    [Theory]
    [InlineData("00:00:01.250", 1.25)]
    [InlineData("01:02:03.5", 3723.5)]
    [InlineData("100:00:00.000", 360000)]
    [InlineData("00:00:01", 1)]
    [InlineData("12.3s", 12.3)]
    [InlineData("1500ms", 1.5)]
    [InlineData("1.5m", 90)]
    [InlineData("2h", 7200)]
    [InlineData("30f", 1)] // 30 frames a second when the document gives no rate
    [InlineData("7t", 7)] // 1 tick a second when it gives no rate
    public void Time_expressions_without_parameters(string expression, double seconds)
    {
        Assert.True(TtmlTiming.Default.TryParse(expression, out var parsed));
        Assert.Equal(seconds, parsed, 9);
    }

    [Fact]
    public void Frames_ticks_and_sub_frames_use_the_documents_rates()
    {
        var pal = Timing("25");
        Assert.True(pal.TryParse("00:00:01:15", out var s));
        Assert.Equal(1.6, s, 9);
        Assert.True(pal.TryParse("30f", out s));
        Assert.Equal(1.2, s, 9);
        Assert.True(pal.TryParse("50t", out s)); // tick rate defaults to the frame rate
        Assert.Equal(2, s, 9);
        Assert.True(Timing(tickRate: "10000000").TryParse("12500000t", out s));
        Assert.Equal(1.25, s, 9);
        var ntsc = Timing("30", "1000 1001");
        Assert.Equal(30000.0 / 1001, ntsc.FrameRate, 9);
        Assert.True(ntsc.TryParse("00:00:10:15", out s)); // media time base: real seconds, frames of 1/29.97 s
        Assert.Equal(10 + 15 * 1001 / 30000.0, s, 9);
        Assert.True(Timing("25", subFrameRate: "2").TryParse("00:00:00:01.1", out s));
        Assert.Equal(1.5 / 25, s, 9);
    }

    [Theory]
    [InlineData("1:2:3")]
    [InlineData("00:61:00.000")]
    [InlineData("00:00:60.000")]
    [InlineData("00:00:01:30")] // frame 30 at 30 fps
    [InlineData("12.3")]
    [InlineData("12 s")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("")]
    public void Not_time_expressions(string expression) => Assert.False(TtmlTiming.Default.TryParse(expression, out _));

    [Fact]
    public void Bad_timing_parameters_are_one_line_errors()
    {
        var ex = Assert.Throws<CaptionFormatException>(() => Timing("25.5"));
        Assert.Equal("t.ttml: ttp:frameRate '25.5' is not a positive whole number", ex.Message);
        ex = Assert.Throws<CaptionFormatException>(() => Timing("30", "1000/1001"));
        Assert.Contains("ttp:frameRateMultiplier '1000/1001' is not two numbers", ex.Message);
        Assert.Throws<CaptionFormatException>(() => Timing(tickRate: "0"));
    }

    /// <summary>SMPTE drop-frame labels counted frame by frame (the brute force) against the closed forms both ways.</summary>
    [Theory]
    [InlineData(30)]
    [InlineData(60)]
    public void Drop_frame_labels_match_counting_frame_by_frame(int nominal)
    {
        var df = Timing(nominal.ToString(), "1000 1001", timeBase: "smpte", dropMode: "dropNTSC");
        Assert.True(df.DropFrame);
        var drop = nominal / 15;
        var (h, m, sec, f) = (0L, 0, 0, 0);
        for (long frame = 0; frame < nominal * 60L * 23; frame++) // 23 minutes: past two tenth minutes
        {
            Assert.Equal((h, m, sec, f), df.LabelOfFrame(frame));
            Assert.Equal(frame, df.FrameOfLabel(h, m, sec, f));
            f++;
            if (f == nominal)
                (f, sec) = (0, sec + 1);
            if (sec == 60)
                (sec, m) = (0, m + 1);
            if (m == 60)
                (m, h) = (0, h + 1);
            if (sec == 0 && f == 0 && m % 10 != 0)
                f = drop; // the dropped labels
        }
        Assert.False(df.TryParse(nominal == 30 ? "00:01:00:01" : "00:01:00:03", out _)); // a dropped label
        Assert.True(df.TryParse("00:10:00:00", out var s));
        Assert.Equal(17982 * (nominal / 30) / df.FrameRate, s, 6);
        Assert.Equal("00:10:00:00", df.Format(s, TtmlTimeStyle.ClockFrames));
        Assert.Equal("00:01:00:0" + drop, df.Format(nominal * 60.0 / df.FrameRate, TtmlTimeStyle.ClockFrames));
    }

    [Fact]
    public void Formatting_in_each_style_reads_back_to_the_styles_resolution()
    {
        var timing = Timing("25", tickRate: "1000");
        Assert.Equal("00:00:01:15", timing.Format(1.6, TtmlTimeStyle.ClockFrames));
        Assert.Equal("00:00:01:00", timing.Format(0.995, TtmlTimeStyle.ClockFrames)); // nearer the next second than frame 24
        Assert.Equal("00:00:00:24", timing.Format(0.97, TtmlTimeStyle.ClockFrames));
        Assert.Equal("01:00:00.125", timing.Format(3600.125, TtmlTimeStyle.ClockFraction));
        Assert.Equal("1.25s", timing.Format(1.25, TtmlTimeStyle.OffsetSeconds));
        Assert.Equal("2.0s", timing.Format(2, TtmlTimeStyle.OffsetSeconds));
        Assert.Equal("1250ms", timing.Format(1.25, TtmlTimeStyle.OffsetMilliseconds));
        Assert.Equal("40f", timing.Format(1.6, TtmlTimeStyle.OffsetFrames));
        Assert.Equal("1600t", timing.Format(1.6, TtmlTimeStyle.OffsetTicks));
        Assert.Equal(TtmlTimeStyle.ClockFrames, TtmlTiming.StyleOf(" 00:00:01:15 "));
        Assert.Equal(TtmlTimeStyle.OffsetTicks, TtmlTiming.StyleOf("10t"));
        Assert.Null(TtmlTiming.StyleOf("soon"));

        var random = new Random(20);
        var ntsc = Timing("30", "1000 1001");
        foreach (var (t, resolution) in new[] { (timing, 0.04), (ntsc, 1001 / 30000.0) })
        {
            foreach (var style in Enum.GetValues<TtmlTimeStyle>())
            {
                for (var k = 0; k < 200; k++)
                {
                    var seconds = random.NextDouble() * 7200;
                    Assert.True(t.TryParse(t.Format(seconds, style), out var back), $"{style} {t.Format(seconds, style)}");
                    var limit = style switch
                    {
                        TtmlTimeStyle.ClockFrames or TtmlTimeStyle.OffsetFrames => resolution / 2,
                        TtmlTimeStyle.OffsetTicks => 0.5 / t.TickRate,
                        _ => 0.0005,
                    };
                    Assert.True(Math.Abs(back - seconds) <= limit + 1e-9, $"{style}: {seconds} -> {t.Format(seconds, style)} -> {back}");
                }
            }
        }
    }
}
