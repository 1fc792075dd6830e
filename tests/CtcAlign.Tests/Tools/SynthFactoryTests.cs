using System.Diagnostics;
using System.Text.RegularExpressions;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Tools;

/// <summary>
/// Runs the synthetic speech factory's own Python tests (engine word timings vs the audio's energy, the
/// composer's sample-exact truth, the scorer) so they are part of the one test command. The engines are
/// installed by tools/install-test-deps.sh; in CI nothing may be skipped.
/// </summary>
public class SynthFactoryTests
{
    [Fact]
    public async Task PythonTestsOfTheDataFactoryPass()
    {
        var script = Path.Combine(TestMedia.RepositoryRoot(), "tools", "synth", "run-tests.sh");
        var start = new ProcessStartInfo("sh", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var log = stdout + await stderr;

        var summary = Regex.Match(stdout, @"(\d+) passed, (\d+) failed, (\d+) skipped");
        Assert.True(summary.Success, $"no summary line from {script}:\n{log}");
        Assert.True(process.ExitCode == 0 && summary.Groups[2].Value == "0", log);
        Assert.True(int.Parse(summary.Groups[1].Value) >= 15, log);
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.True(summary.Groups[3].Value == "0", "engines missing in CI (tools/install-test-deps.sh):\n" + log);
    }
}
