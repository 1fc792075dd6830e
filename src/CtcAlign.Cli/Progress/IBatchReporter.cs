namespace CtcAlign.Cli.Progress;

/// <summary>Shows an align batch's progress while it runs: a live display on a terminal, log lines otherwise.</summary>
internal interface IBatchReporter
{
    /// <summary>Runs the batch, showing progress until it ends.</summary>
    Task RunAsync(Func<Task> batch);

    /// <summary>A file finished: <paramref name="line"/> says how ("[3/20] news: aligned (...)", or "ctcalign: id: reason" when it failed).</summary>
    void FileFinished(string line, bool failed);

    /// <summary>A warning about one file that does not stop it ("ctcalign: warning: a.srt: cue 3 (line 9): ..."); shown and kept after the live display.</summary>
    void Warning(string line);
}
