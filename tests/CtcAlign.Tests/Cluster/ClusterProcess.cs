using System.Collections.Concurrent;
using System.Diagnostics;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cluster;

/// <summary>A <c>ctcalign</c> process (the built CLI, as a user runs it) whose stdout and stderr lines are collected as they come.</summary>
public sealed class ClusterProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ClusterProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The ctcalign executable built next to these tests (same configuration).</summary>
    public static string Executable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            return Path.Combine(TestMedia.RepositoryRoot(), "src", "CtcAlign.Cli", "bin", configuration, "net10.0", "ctcalign");
        }
    }

    public static ClusterProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return new ClusterProcess(Process.Start(start)!);
    }

    /// <summary>Runs ctcalign to the end: exit code and its output lines.</summary>
    public static (int Code, string Output) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        if (!process._process.WaitForExit(timeout))
        {
            process.Kill();
            throw new TimeoutException($"ctcalign {string.Join(' ', args)} did not end within {timeout}: {process.Output}");
        }
        process._process.WaitForExit(); // the output is read to its end
        return (process._process.ExitCode, process.Output);
    }

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    public IReadOnlyList<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Sends a signal (SIGKILL 9, SIGINT 2) with /bin/kill.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        var exited = _process.WaitForExit(timeout);
        if (exited)
            _process.WaitForExit();
        return exited;
    }

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
