using System.Diagnostics;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>Output paths: written through symbolic links, special files in place, unwritable places found before any work.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void Write(string path, string text) =>
        OutputFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_link_is_written_through_its_target_replaced_with_its_permissions_and_the_link_kept()
    {
        var target = _dir.Write("real.srt", "old");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = _dir.File("link.srt");
        File.CreateSymbolicLink(link, "real.srt"); // relative, as `ln -s real.srt link.srt` makes it
        var second = _dir.File("second.srt");
        File.CreateSymbolicLink(second, link); // a chain: second -> link -> real

        Write(second, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal("real.srt", new FileInfo(link).LinkTarget);
        Assert.Equal(link, new FileInfo(second).LinkTarget);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        Assert.Equal(["link.srt", "real.srt", "second.srt"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_dangling_link_creates_its_target()
    {
        Directory.CreateDirectory(_dir.File("sub"));
        var link = _dir.File("link.json");
        File.CreateSymbolicLink(link, Path.Combine("sub", "made.json"));

        Write(link, "{}");

        Assert.Equal("{}", File.ReadAllText(_dir.File("sub/made.json")));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public async Task A_fifo_is_written_in_place_not_replaced_by_a_file()
    {
        if (OperatingSystem.IsWindows())
            return;
        var fifo = _dir.File("pipe.ctm");
        Assert.Equal(0, Shell("mkfifo", fifo));
        var reader = Task.Run(() => File.ReadAllText(fifo)); // blocks until the writer opens the FIFO

        OutputFile.CheckWritable(fifo); // must not open the FIFO (that would end the reader's stream early)
        Write(fifo, "media 1 0.000 0.100 word 1.0000\n");

        Assert.Same(reader, await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(20)))); // else the reader got nothing
        Assert.Equal("media 1 0.000 0.100 word 1.0000\n", await reader);
        Assert.Equal(0, Shell("test", "-p", fifo)); // still a FIFO
    }

    [Fact]
    public void Unwritable_places_are_reported_before_writing()
    {
        var missing = _dir.File("no/such/folder/out.srt");
        var ex = Assert.Throws<IOException>(() => OutputFile.CheckWritable(missing));
        Assert.Contains("does not exist", ex.Message);
        Assert.Contains("is a folder", Assert.Throws<IOException>(() => OutputFile.CheckWritable(_dir.Path)).Message);
        OutputFile.CheckWritable(_dir.File("fine.srt"));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path)); // the probe is gone
        if (OperatingSystem.IsLinux())
        {
            ex = Assert.Throws<IOException>(() => OutputFile.CheckWritable("/proc/nope.srt")); // root too: /proc takes no new files
            Assert.Equal("cannot write /proc/nope.srt: cannot create files in folder /proc", ex.Message);
        }
        var file = _dir.Write("plain.txt", "x");
        Assert.Contains("it is a file", Assert.Throws<IOException>(() => OutputFile.CheckFolderWritable(file)).Message);
    }

    [Theory]
    [InlineData("-", true)]
    [InlineData("/dev/stdout", true)]
    [InlineData("/dev/fd/1", true)]
    [InlineData("/dev/stderr", false)]
    [InlineData("out.srt", false)]
    public void Standard_output_names(string path, bool expected) => Assert.Equal(expected, OutputFile.IsStandardOutput(path));

    private static int Shell(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
