using System.Diagnostics;
using CtcAlign.Audio;
using NAudio.Wave;

namespace CtcAlign.Review;

/// <summary>
/// Writes a small mono copy of a media file's audio that every browser plays: Opus in Ogg at 32 kb/s when ffmpeg
/// is there (about 14 MB an hour), else 16 kHz 16-bit PCM WAV decoded by CtcAlign itself (about 115 MB an hour).
/// </summary>
public static class CompactAudioWriter
{
    public const int OpusBitrateKbps = 32;

    public const int WavSampleRate = 16_000;

    /// <summary>Writes <paramref name="targetStem"/>.ogg (or .wav without ffmpeg) and returns its path.</summary>
    public static string Write(string sourcePath, string targetStem, CancellationToken cancellationToken = default)
    {
        if (FfmpegLocator.FindFfmpeg() is { } ffmpeg)
        {
            var ogg = targetStem + ".ogg";
            RunFfmpeg(ffmpeg, sourcePath, ogg, cancellationToken);
            return ogg;
        }
        var wav = targetStem + ".wav";
        WriteWav(sourcePath, wav, cancellationToken);
        return wav;
    }

    /// <summary>The MIME type of a file written by <see cref="Write"/>.</summary>
    public static string MimeType(string path) => Path.GetExtension(path).Equals(".ogg", StringComparison.OrdinalIgnoreCase) ? "audio/ogg" : "audio/wav";

    private static void RunFfmpeg(string ffmpeg, string source, string target, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", source, "-vn", "-ac", "1",
                     "-c:a", "libopus", "-b:a", $"{OpusBitrateKbps}k", "-f", "ogg", target })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new AudioFormatException($"{Path.GetFileName(source)}: cannot start ffmpeg ({ffmpeg})");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using (cancellationToken.Register(() =>
               {
                   try
                   {
                       process.Kill(entireProcessTree: true);
                   }
                   catch (InvalidOperationException)
                   {
                   }
               }))
            process.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            File.Delete(target);
            var why = stderr.Result.Trim().ReplaceLineEndings(" ");
            throw new AudioFormatException($"{Path.GetFileName(source)}: ffmpeg could not write a compact copy of its audio: {(why.Length > 300 ? why[..300] : why)}");
        }
    }

    private static void WriteWav(string source, string target, CancellationToken cancellationToken)
    {
        using var audio = MediaDecoder.Open(source, WavSampleRate);
        var buffer = new float[WavSampleRate * 4];
        try
        {
            using var writer = new WaveFileWriter(target, new WaveFormat(WavSampleRate, 16, 1));
            int n;
            while ((n = audio.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.WriteSamples(buffer, 0, n);
            }
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }
}
