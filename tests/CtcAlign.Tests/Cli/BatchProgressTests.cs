using CtcAlign.Cli.Progress;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Cli;

public sealed class BatchProgressTests
{
    [Fact]
    public void Audio_done_and_eta_count_files_in_flight_by_their_share_and_drop_skipped_files_from_the_work()
    {
        // Four files of 100, 100, 200 and 600 bytes.
        var progress = new BatchProgress(["a", "b", "c", "d"], [100, 100, 200, 600]);
        Assert.Null(progress.Snapshot().Eta);

        progress.Started(0);
        progress.Finished(0, audioSeconds: 60, failed: false);
        progress.Started(1);
        progress.Finished(1, audioSeconds: null, failed: false); // skipped: 100 bytes leave the work
        progress.Started(2);
        progress.InFlight = () => [new MediaProgress("c", 30, 120)]; // a quarter of c: 50 bytes
        var s = progress.Snapshot();

        Assert.Equal((2, 4, 0), (s.FilesFinished, s.FilesTotal, s.Failed));
        Assert.Equal(90, s.AudioSeconds);
        Assert.Equal([new MediaProgress("c", 30, 120)], s.Current);
        // 150 of 900 bytes of work done in the elapsed time: 750 left take 5 times as long.
        Assert.Equal(s.Elapsed.TotalSeconds * 5, s.Eta!.Value.TotalSeconds, 4);
        Assert.Equal("c 25%", ProgressText.Current(s));
        Assert.StartsWith("2/4 files, 1.5 min audio, ", ProgressText.Status(s));
    }

    [Theory]
    [InlineData(12.34, "12.3 s")]
    [InlineData(90, "1.5 min")]
    [InlineData(5400, "1.50 h")]
    public void Audio_reads_in_seconds_minutes_or_hours(double seconds, string text) => Assert.Equal(text, ProgressText.Audio(seconds));

    [Fact]
    public void Status_names_failures_and_the_eta_until_the_batch_ends()
    {
        var running = new ProgressSnapshot(3, 20, 1, 7200, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(200), []);
        Assert.Equal("3/20 files (1 failed), 2.00 h audio, 60x real time, ETA 3 min 20 s", ProgressText.Status(running));
        Assert.Equal("20/20 files, 2.00 h audio, 60x real time", ProgressText.Status(running with { FilesFinished = 20, Failed = 0 }));
    }

    [Fact]
    public async Task The_live_display_prints_failures_after_it_ends()
    {
        using var error = new StringWriter();
        var progress = new BatchProgress(["a", "b"], [1, 1]);
        var reporter = new LiveReporter(error, progress);
        await reporter.RunAsync(async () =>
        {
            await Task.Delay(50);
            progress.Finished(0, 10, false);
            reporter.FileFinished("[1/2] a: aligned (1 aligned, 0 low confidence, 0 not aligned)", false);
            progress.Finished(1, null, true);
            reporter.FileFinished("ctcalign: b: media file not found: b.wav", true);
        });
        var text = error.ToString();
        Assert.Contains("2/2 files (1 failed), 10.0 s audio", text);
        Assert.EndsWith("ctcalign: b: media file not found: b.wav" + Environment.NewLine, text);
    }
}
