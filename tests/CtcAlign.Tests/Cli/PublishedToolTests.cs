using System.Diagnostics;
using System.Reflection;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cli;

/// <summary>
/// Packaging: `dotnet publish` output carries the default model and runs from any folder. Publishes the CLI the
/// suite just built (`--no-build`, same configuration: about 5 s, most of it copying ONNX Runtime's native
/// libraries) into a temp folder and runs the binary from another temp folder, with CTCALIGN_MODEL unset.
/// Run alone: dotnet test tests/CtcAlign.Tests -c Release --filter Category=Packaging
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PublishedToolTests : IDisposable
{
    private readonly TempFolder _publish = new();
    private readonly TempFolder _elsewhere = new();

    public void Dispose()
    {
        _publish.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void Published_output_carries_the_default_model_and_aligns_the_sample_from_another_folder()
    {
        var root = TestMedia.RepositoryRoot();
        var configuration = typeof(PublishedToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var publish = Run("dotnet", root, ["publish", Path.Combine(root, "src", "CtcAlign.Cli"), "-c", configuration, "--no-build", "-o", _publish.Path]);
        Assert.True(publish.Code == 0, publish.Out + publish.Err);
        Assert.True(File.Exists(Path.Combine(_publish.Path, "models", "default", "model.onnx")), "publish output lacks models/default/model.onnx");
        Assert.True(File.Exists(Path.Combine(_publish.Path, "models", "default", "ctcalign-model.json")));

        var apphost = Path.Combine(_publish.Path, OperatingSystem.IsWindows() ? "ctcalign.exe" : "ctcalign");
        var db = _elsewhere.File("run.db");
        var align = Run(apphost, _elsewhere.Path, ["align", Path.Combine(root, "audio-samples", "sample.wav"),
            "--captions", Path.Combine(root, "audio-samples", "sample.srt"), "--device", "cpu", "--db", db]);
        Assert.True(align.Code == 0, align.Out + align.Err);
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped, 0 failed;", align.Out);
        Assert.True(File.Exists(db));
    }

    private static (int Code, string Out, string Err) Run(string file, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("CTCALIGN_MODEL");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within 3 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
