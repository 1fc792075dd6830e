using CtcAlign.Alignment;
using CtcAlign.Review;

namespace CtcAlign.Tests.Review;

public sealed class ReviewPartsTests
{
    [Fact]
    public void Waveform_peaks_are_the_largest_absolute_sample_per_bucket()
    {
        float[] samples = [0.1f, -0.5f, 0.2f, 0.0f, 1.5f, -0.25f, 0.02f];
        var w = WaveformOverview.FromSamples(samples, sampleRate: 4, peaksPerSecond: 2); // 2 samples a peak

        Assert.Equal(2, w.PeaksPerSecond);
        Assert.Equal(new byte[] { 128, 51, 255, 5 }, w.Peaks); // 0.5, 0.2, 1 (clipped), 0.02 (the last, partial bucket)
    }

    [Fact]
    public void Waveform_from_chunks_equals_waveform_from_all_samples()
    {
        var samples = TestAudio.Ramp(16_000 * 3 + 123).Select((x, i) => x * MathF.Sin(i / 900f)).ToArray();
        var whole = WaveformOverview.FromSamples(samples, 16_000, 37.5);
        var builder = new WaveformOverview.Builder(16_000, 37.5);
        for (var i = 0; i < samples.Length; i += 1000)
            builder.Add(samples.AsSpan(i, Math.Min(1000, samples.Length - i)));
        var chunked = builder.Build();

        Assert.Equal(whole.Peaks, chunked.Peaks);
        Assert.Equal((int)Math.Ceiling(samples.Length / (16_000 / 37.5)), whole.Peaks.Length);
    }

    [Theory]
    [InlineData(90, 100)]
    [InlineData(2_000, 100)]
    [InlineData(3 * 3600, 200_000 / 10_800.0)]
    public void Waveform_resolution_suits_the_length(double seconds, double expected)
    {
        var pps = WaveformOverview.PeaksPerSecondFor(seconds);

        Assert.Equal(expected, pps, 9);
        Assert.True(pps * seconds <= WaveformOverview.MaxPeaks + 1e-6);
    }

    [Fact]
    public void Worst_first_puts_unplaced_lines_first_then_lowest_rho_then_caption_order()
    {
        static AlignedSegment Line(int i, double rho, SegmentStatus st) => new(i, $"line {i}", "", st == SegmentStatus.NotAligned ? null : i, null, rho, st, []);
        AlignedSegment[] lines =
        [
            Line(0, -0.5, SegmentStatus.Aligned), Line(1, -3, SegmentStatus.LowConfidence), Line(2, -20, SegmentStatus.NotAligned),
            Line(3, -0.5, SegmentStatus.Aligned), Line(4, double.NegativeInfinity, SegmentStatus.NotAligned), Line(5, -7, SegmentStatus.LowConfidence),
        ];

        Assert.Equal([4, 3, 1, 5, 0, 2], ReviewLineOrder.WorstFirstRanks(lines)); // order: 4 (rho -inf), 2, 5, 1, 0, 3
    }

    [Fact]
    public void Histogram_uses_the_inspect_bins()
    {
        var counts = ConfidenceHistogram.Count(SampleAlignments.Episode().Segments);

        Assert.Equal(CtcAlign.Cli.Verbs.InspectCommand.Bins.Select(b => b.Low), ConfidenceHistogram.Bins.Select(b => b.Low));
        Assert.Equal([2, 0, 1, 0, 0, 0, 1], counts.Select(c => c.Count));
    }

    [Fact]
    public void File_stems_are_portable_and_distinct()
    {
        var stems = ReviewFileNames.Stems(["episode 1", "Episode_1", "index", "a/b\\c:d", "..", "ça va", "ok-1.2"]);

        Assert.Equal(["episode_1", "Episode_1-2", "index-2", "a_b_c_d", "media", "_a_va", "ok-1.2"], stems);
    }

    [Fact]
    public void Relative_audio_url_climbs_out_of_the_review_folder_and_escapes_each_segment()
    {
        var root = Path.Combine(Path.GetTempPath(), "r");

        Assert.Equal("../../media/ep%201%20%231%3F.wav", ReviewFileNames.RelativeUrl(Path.Combine(root, "out", "review"), Path.Combine(root, "media", "ep 1 #1?.wav")));
        Assert.Equal("audio/caf%C3%A9.ogg", ReviewFileNames.RelativeUrl(Path.Combine(root, "out"), Path.Combine(root, "out", "audio", "café.ogg")));
    }
}
