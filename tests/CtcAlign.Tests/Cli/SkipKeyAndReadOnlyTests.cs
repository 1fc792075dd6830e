using CtcAlign.Cli;
using CtcAlign.Storage;
using CtcAlign.Tests.Acoustic;
using SQLite;

namespace CtcAlign.Tests.Cli;

/// <summary>The skip key names the model by content, a read-only database is read without a write, a failed run leaves no database.</summary>
public sealed class SkipKeyAndReadOnlyTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private string CopyModel(string name)
    {
        var dir = _cli.Dir.File(name);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(ModelFixtures.CtcAlignPackage))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    [Fact]
    public async Task The_skip_key_is_the_models_name_version_and_hash_not_its_path()
    {
        var (wav, srt) = _cli.Media("news", 2, "Good evening.", "Here is the news.");
        var model = CopyModel("model-a");
        string[] Args(string m) => ["align", wav, "--captions", srt, "--db", _cli.Db, "--model", m];

        Assert.Equal(0, await _cli.RunAsync(Args(model)));
        using (var db = new SQLiteConnection(_cli.Db))
            Assert.Matches("^tiny-test-model( \\S+)? sha256:[0-9a-f]{64}$", db.ExecuteScalar<string>("SELECT model FROM runs"));

        var moved = CopyModel("model-b"); // the same model elsewhere: still done
        Assert.Equal(0, await _cli.RunAsync(Args(moved)));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped", _cli.Out);

        File.AppendAllText(Path.Combine(moved, "model.onnx"), "retrained"); // other weights under the same name: realigned
        Assert.Equal(0, await _cli.RunAsync(Args(moved)));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped", _cli.Out);
        Assert.Equal(2, _cli.Aligners.Count);
    }

    [Fact]
    public async Task Edited_captions_are_realigned_not_skipped()
    {
        var (wav, srt) = _cli.Media("news", 2, "Good evening.", "Here is the news.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped", _cli.Out);
        File.WriteAllText(srt, File.ReadAllText(srt).Replace("Here is the news.", "Here is the weather."));
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.StartsWith("1 file(s): 1 aligned, 0 skipped", _cli.Out);
    }

    [Fact]
    public void A_run_of_another_tool_version_is_not_done()
    {
        using var store = SegmentStore.Open(_cli.Db);
        store.SaveMedia(store.GetOrAddRun("m", "p", "1.0.0"), SampleAlignments.Episode("x"), "h");
        Assert.True(store.IsDone("x", "h", "m", "p", "1.0.0"));
        Assert.False(store.IsDone("x", "h", "m", "p", "1.1.0"));
    }

    [Fact]
    public async Task Inspect_and_export_read_a_database_they_may_not_write_and_change_nothing()
    {
        var (wav, srt) = _cli.Media("news", 2, "Good evening.", "Here is the news.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        var bytes = File.ReadAllBytes(_cli.Db);
        var written = File.GetLastWriteTimeUtc(_cli.Db);
        Assert.False(File.Exists(_cli.Db + "-wal"));
        if (OperatingSystem.IsWindows())
            return;

        // Root may write any file, so as root the commands run as user nobody (setpriv), who may only read the
        // database and its folder (no -shm can be made there: SQLite's WAL reader then needs immutable=1).
        File.SetUnixFileMode(_cli.Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(_cli.Dir.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var (code, stdout, stderr) = await ReadOnlyUserAsync("inspect", "--db", _cli.Db);
            Assert.True(code == 0, stderr);
            Assert.StartsWith("media news: ", stdout);
            (code, stdout, stderr) = await ReadOnlyUserAsync("export", "--db", _cli.Db, "--format", "ctm", "--out", "-");
            Assert.True(code == 0, stderr);
            Assert.StartsWith("news 1 0.000 0.500 Good ", stdout);
        }
        finally
        {
            File.SetUnixFileMode(_cli.Dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Assert.Equal(bytes, File.ReadAllBytes(_cli.Db));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_cli.Db));
        Assert.False(File.Exists(_cli.Db + "-wal"));
        Assert.False(File.Exists(_cli.Db + "-shm"));
    }

    /// <summary>Runs the CLI as a user without write access: in process when not root, else as nobody through setpriv.</summary>
    private async Task<(int Code, string Out, string Err)> ReadOnlyUserAsync(params string[] args)
    {
        if (!IsRoot())
        {
            var code = await _cli.RunAsync(args);
            return (code, _cli.Out, _cli.Err);
        }
        var dll = Path.Combine(AppContext.BaseDirectory, "ctcalign.dll");
        var start = new System.Diagnostics.ProcessStartInfo("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", dll, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    [Fact]
    public async Task A_run_that_stores_nothing_leaves_no_new_database()
    {
        var (_, srt) = _cli.Media("news", 2, "Good evening.");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", _cli.Dir.File("absent.wav"), "--captions", srt, "--db", _cli.Db));
        Assert.False(File.Exists(_cli.Db));
        Assert.False(File.Exists(_cli.Db + "-wal"));
        Assert.False(File.Exists(_cli.Db + "-shm"));

        var (wav, _) = _cli.Media("news", 2, "Good evening.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("align", _cli.Dir.File("absent.wav"), "--captions", srt, "--db", _cli.Db));
        using var store = SegmentStore.Open(_cli.Db, readOnly: true); // a database that was there stays, with its rows
        Assert.Single(store.ListMedia());
    }
}
