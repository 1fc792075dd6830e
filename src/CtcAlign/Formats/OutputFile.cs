using System.Runtime.InteropServices;

namespace CtcAlign.Formats;

/// <summary>
/// Where an output path really writes, and writing it safely. A symbolic link is written through: its final target
/// is replaced (a temporary file beside the target, then renamed over it, keeping the target's permissions) and the
/// link stays. A path under /dev or /proc, or an existing file that is not a regular file (a FIFO, a device), is
/// written in place: renaming over /dev/null or /dev/stdout would replace the system's file. "-" (and /dev/stdout,
/// /dev/fd/1, /proc/self/fd/1) means standard output; callers write those to their own stdout.
/// </summary>
public static class OutputFile
{
    public const string StandardOutputName = "-";

    /// <summary>True for "-" and the usual names of the process's standard output.</summary>
    public static bool IsStandardOutput(string path) => path is StandardOutputName or "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1";

    /// <summary>The file a write to <paramref name="path"/> replaces: the end of its chain of symbolic links, else the path.</summary>
    public static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hop = 0; hop < 40 && !IsSystemPath(full); hop++)
        {
            var info = new FileInfo(full);
            if (!info.Exists || info.LinkTarget is null)
                break; // missing (a dangling link's target: created there), or not a link
            var next = info.ResolveLinkTarget(returnFinalTarget: false);
            if (next is null)
                break;
            full = Path.GetFullPath(next.FullName);
        }
        return full;
    }

    /// <summary>
    /// Throws an <see cref="IOException"/> that says why when <paramref name="path"/> cannot be written: its folder
    /// is missing or not writable, or it is a folder. Creates and deletes a probe file, so it also holds for root.
    /// </summary>
    public static void CheckWritable(string path)
    {
        var target = ResolveTarget(path);
        if (Directory.Exists(target))
            throw new IOException($"cannot write {path}: it is a folder");
        if (WritesInPlace(target))
            return; // a device or FIFO: opening it to try would block or end the reader's stream
        CheckFolderWritable(Path.GetDirectoryName(target)!, path);
    }

    /// <summary>Throws when files cannot be created in <paramref name="folder"/> (or, when it does not exist yet, in its parent).</summary>
    public static void CheckFolderWritable(string folder, string? shownAs = null)
    {
        shownAs ??= folder;
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
            throw new IOException($"cannot write into {shownAs}: it is a file, not a folder");
        if (!Directory.Exists(full))
        {
            var parent = Path.GetDirectoryName(full);
            if (parent is null || !Directory.Exists(parent))
                throw new IOException($"cannot write {shownAs}: folder {parent ?? full} does not exist");
            full = parent;
        }
        var probe = Path.Combine(full, $".ctcalign-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
            }
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write {shownAs}: cannot create files in folder {full}"
                + (ex is UnauthorizedAccessException ? " (permission denied)" : ""), ex);
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through links: <paramref name="write"/> fills a temporary file beside the target,
    /// which then replaces it in one rename; a system path or a non-seekable file is written in place. Returns the
    /// file written (the link's target).
    /// </summary>
    public static string Write(string path, Action<Stream> write)
    {
        var target = ResolveTarget(path);
        if (Directory.Exists(target))
            throw new IOException($"cannot write {path}: it is a folder");
        if (WritesInPlace(target))
        {
            using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
            write(stream);
            return target;
        }

        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir))
            throw new IOException($"cannot write {path}: folder {dir} does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                write(stream);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return target;
    }

    /// <summary>/dev and /proc hold devices and process files: never renamed over, never followed.</summary>
    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

    /// <summary>An existing file that is not a regular file (a device, a FIFO, a socket, /proc's files) is written in place.</summary>
    private static bool WritesInPlace(string target)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(target))
            return false;
        if (IsSystemPath(target))
            return true;
        try
        {
            return SystemNativeStat(target, out var status) == 0 && (status.Mode & FileTypeMask) != RegularFile;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>The start of .NET's own stat result (System.Native's FileStatus: flags, then the mode with S_IFMT bits).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }

    /// <summary>stat(2) through the runtime's own native library, the one FileSystemInfo uses (it does not expose the file type).</summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out NativeFileStatus status);
}
