using Spectre.Console;
using Spectre.Console.Rendering;

namespace CtcAlign.Cli.Progress;

/// <summary>
/// A live display on the terminal (stderr), redrawn 4 times a second: a bar with files done, audio done, speed and
/// ETA, the files in flight with how far each is, and the last files finished. Failures are printed as
/// "ctcalign: id: reason" lines once the display ends, so none scrolls away.
/// </summary>
internal sealed class LiveReporter(TextWriter error, BatchProgress progress) : IBatchReporter
{
    private const int RecentLines = 5;
    private readonly Lock _lock = new();
    private readonly Queue<string> _recent = new();
    private readonly List<string> _failures = [];

    public async Task RunAsync(Func<Task> batch)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        try
        {
            await console.Live(Render()).AutoClear(false).StartAsync(async context =>
            {
                var work = batch();
                while (!work.IsCompleted)
                {
                    context.UpdateTarget(Render());
                    await Task.WhenAny(work, Task.Delay(250));
                }
                context.UpdateTarget(Render());
                await work;
            });
        }
        finally
        {
            lock (_lock)
                foreach (var line in _failures)
                    error.WriteLine(line);
        }
    }

    public void FileFinished(string line, bool failed)
    {
        lock (_lock)
        {
            if (failed)
                _failures.Add(line);
            _recent.Enqueue(line);
            while (_recent.Count > RecentLines)
                _recent.Dequeue();
        }
    }

    public void Warning(string line) => FileFinished(line, failed: true);

    private IRenderable Render()
    {
        var s = progress.Snapshot();
        var share = s.FilesTotal == 0 ? 1 : s.FilesFinished / (double)s.FilesTotal;
        const int width = 30;
        var filled = (int)Math.Round(share * width);
        var rows = new List<IRenderable>
        {
            new Markup($"[green]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/] {Markup.Escape(ProgressText.Status(s))}"),
        };
        if (s.Current.Count > 0)
            rows.Add(new Markup("[grey]now:[/] " + Markup.Escape(ProgressText.Current(s))));
        lock (_lock)
            rows.AddRange(_recent.Select(l => new Markup("[grey]" + Markup.Escape(l) + "[/]")));
        return new Rows(rows);
    }
}
