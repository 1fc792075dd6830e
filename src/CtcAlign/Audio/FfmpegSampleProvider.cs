using System.Diagnostics;
using System.Globalization;
using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>
/// The first audio stream of any file ffmpeg reads, piped as 32-bit float mono PCM at the requested rate.
/// ffmpeg's own failure (its last stderr line) surfaces as an <see cref="AudioFormatException"/> when the pipe ends.
/// </summary>
public sealed class FfmpegSampleProvider : ISampleProvider, IDisposable
{
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly string _displayName;
    private readonly string _mediaPath;
    private readonly Queue<string> _stderrTail = new();
    private byte[] _bytes = [];
    private int _pending;
    private long _samplesRead;
    private bool _ended;

    /// <param name="channels">Channels to keep (the stream's own count, so the caller can average them); null = ffmpeg's mono down-mix.</param>
    public FfmpegSampleProvider(string ffmpegPath, string mediaPath, int sampleRate, int? channels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _displayName = Path.GetFileName(mediaPath);
        _mediaPath = mediaPath;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels ?? 1);
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[]
                 {
                     "-nostdin", "-hide_banner", "-loglevel", "error", "-i", mediaPath, "-map", "0:a:0", "-vn", "-sn", "-dn",
                     "-ac", (channels ?? 1).ToString(CultureInfo.InvariantCulture), "-ar", sampleRate.ToString(CultureInfo.InvariantCulture),
                     "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1",
                 })
            start.ArgumentList.Add(arg);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data))
                return;
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(e.Data.Trim());
                if (_stderrTail.Count > 20)
                    _stderrTail.Dequeue();
            }
        };
        try
        {
            _process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new AudioFormatException($"{_displayName}: cannot start ffmpeg ({ffmpegPath}): {ex.Message}", ex);
        }
        _process.StandardInput.Close();
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.BaseStream;
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        if (_ended || count == 0)
            return 0;
        var need = count * 4;
        if (_bytes.Length < need)
            Array.Resize(ref _bytes, need);
        var got = _pending;
        while (got < 4)
        {
            var n = _stdout.Read(_bytes, got, need - got);
            if (n <= 0)
            {
                _ended = true;
                CheckExit();
                return 0;
            }
            got += n;
        }
        var samples = got / 4;
        Buffer.BlockCopy(_bytes, 0, buffer, offset * 4, samples * 4);
        _pending = got - samples * 4;
        if (_pending > 0)
            Array.Copy(_bytes, samples * 4, _bytes, 0, _pending);
        _samplesRead += samples;
        return samples;
    }

    private void CheckExit()
    {
        _process.WaitForExit();
        if (_process.ExitCode == 0)
            return;
        string[] lines;
        lock (_stderrTail)
            lines = _stderrTail.ToArray();
        if (lines.Any(l => l.Contains("matches no streams", StringComparison.Ordinal)))
            throw new AudioFormatException($"{_displayName}: has no audio stream.");
        var reason = lines.LastOrDefault(l => !l.StartsWith("To ignore this", StringComparison.Ordinal))
                     ?? $"ffmpeg exited with code {_process.ExitCode}";
        reason = StripPathPrefix(reason);
        throw new AudioFormatException(_samplesRead == 0
            ? $"{_displayName}: not a media file ffmpeg can read: {reason}"
            : $"{_displayName}: ffmpeg failed after {_samplesRead / (double)WaveFormat.SampleRate:0.##} s of audio: {reason}");
    }

    /// <summary>ffmpeg prefixes input errors with the path ("/x/a.txt: Invalid data ..."); keep only the reason.</summary>
    private string StripPathPrefix(string line) =>
        line.StartsWith(_mediaPath + ": ", StringComparison.Ordinal) ? line[(_mediaPath.Length + 2)..] : line;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }

    /// <summary>
    /// What ffprobe says of the file: the container's duration, the first audio stream's channel count and its start
    /// time relative to the earliest stream's; nulls when ffprobe is absent or cannot tell (ffmpeg then reports the
    /// real problem when decoding starts).
    /// </summary>
    public static MediaProbe Probe(string ffprobePath, string mediaPath)
    {
        try
        {
            var start = new ProcessStartInfo(ffprobePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var arg in new[]
                     {
                         "-v", "error", "-show_entries", "format=duration,start_time:stream=index,codec_type,channels,start_time", "-of", "json", mediaPath,
                     })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            return process.ExitCode != 0 ? MediaProbe.Unknown : MediaProbe.FromJson(text);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return MediaProbe.Unknown;
        }
    }
}
