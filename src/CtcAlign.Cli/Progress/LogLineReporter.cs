namespace CtcAlign.Cli.Progress;

/// <summary>
/// Progress as plain lines on stderr (output redirected, or --no-progress): one line per finished file, followed in
/// a batch by the audio done, the speed and the ETA; failures as "ctcalign: id: reason".
/// </summary>
internal sealed class LogLineReporter(TextWriter error, BatchProgress progress) : IBatchReporter
{
    private readonly Lock _lock = new();

    public Task RunAsync(Func<Task> batch) => batch();

    public void FileFinished(string line, bool failed)
    {
        var snapshot = progress.Snapshot();
        lock (_lock)
        {
            if (!failed && snapshot.FilesTotal > 1)
                line += " | " + ProgressText.Status(snapshot);
            error.WriteLine(line);
        }
    }

    public void Warning(string line)
    {
        lock (_lock)
            error.WriteLine(line);
    }
}
