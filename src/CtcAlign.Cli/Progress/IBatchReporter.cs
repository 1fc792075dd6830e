namespace CtcAlign.Cli.Progress;

/// <summary>Shows an align batch's progress while it runs: a live display on a terminal, log lines otherwise.</summary>
internal interface IBatchReporter
{
    /// <summary>Runs the batch, showing progress until it ends.</summary>
    Task RunAsync(Func<Task> batch);

    /// <summary>A file finished: <paramref name="line"/> says how ("[3/20] news: aligned (...)", or "ctcalign: id: reason" when it failed).</summary>
    void FileFinished(string line, bool failed);
}
