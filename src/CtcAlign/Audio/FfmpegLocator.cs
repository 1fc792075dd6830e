namespace CtcAlign.Audio;

/// <summary>Finds the ffmpeg (and ffprobe) executables: the CTCALIGN_FFMPEG variable, else the PATH.</summary>
public static class FfmpegLocator
{
    public const string InstallHint =
        "install it (Debian/Ubuntu: `sudo apt-get install ffmpeg`, macOS: `brew install ffmpeg`, Windows: `winget install ffmpeg`) or set CTCALIGN_FFMPEG to its path";

    /// <summary>The full path of ffmpeg, or null when it is not installed.</summary>
    public static string? FindFfmpeg()
    {
        var configured = Environment.GetEnvironmentVariable("CTCALIGN_FFMPEG");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        return FindOnPath("ffmpeg");
    }

    /// <summary>ffprobe next to <paramref name="ffmpegPath"/>, else on the PATH; null when absent.</summary>
    public static string? FindFfprobe(string ffmpegPath)
    {
        var dir = Path.GetDirectoryName(ffmpegPath);
        foreach (var name in ExecutableNames("ffprobe"))
        {
            var candidate = dir is null ? name : Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return FindOnPath("ffprobe");
    }

    public static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in ExecutableNames(tool))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }

    private static IEnumerable<string> ExecutableNames(string tool) =>
        OperatingSystem.IsWindows() ? [tool + ".exe", tool] : [tool];
}
