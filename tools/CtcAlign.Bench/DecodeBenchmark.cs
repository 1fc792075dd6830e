using System.Diagnostics;
using CtcAlign.Audio;

namespace CtcAlign.Bench;

/// <summary>
/// `decode [--minutes 10] [--rate 16000]`: decode + down-mix + resample speed, as x real time, on a generated
/// 44.1 kHz stereo 16-bit WAV, the same audio as a 128 kb/s MP3 (NLayer), and the WAV forced through ffmpeg.
/// </summary>
public static class DecodeBenchmark
{
    public static int Run(string[] args)
    {
        var minutes = BenchArgs.Double(args, "--minutes", 10);
        var rate = (int)BenchArgs.Double(args, "--rate", 16000);
        var dir = Directory.CreateTempSubdirectory("ctcalign-bench-decode-");
        try
        {
            var wav = Path.Combine(dir.FullName, "tone.wav");
            WriteStereoWav(wav, 44100, minutes * 60);
            var mp3 = Path.Combine(dir.FullName, "tone.mp3");
            Encode(wav, mp3);
            var seconds = minutes * 60;
            Console.WriteLine($"decode to mono {rate} Hz, {minutes:0.#} min of 44.1 kHz stereo (CPU: {Environment.ProcessorCount} cores, load average {BenchArgs.LoadAverage()})");
            Measure("WAV 16-bit (NAudio + sinc resampler)", wav, rate, seconds, MediaDecoderOptions.Default);
            Measure("MP3 128 kb/s (NLayer + sinc resampler)", mp3, rate, seconds, MediaDecoderOptions.Default);
            Measure("WAV through ffmpeg (pipe, ffmpeg resampler)", wav, rate, seconds, new MediaDecoderOptions(ForceFfmpeg: true));
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Measure(string label, string path, int rate, double seconds, MediaDecoderOptions options)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long samples = 0;
        using (var audio = MediaDecoder.Open(path, rate, options))
        {
            var buffer = new float[rate]; // one second per read, as the emission stage reads
            int n;
            while ((n = audio.Read(buffer, 0, buffer.Length)) > 0)
                samples += n;
        }
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        Console.WriteLine($"  {label,-45} {seconds / wall,8:0.0}x real time (wall {wall:0.00} s, this process's CPU {cpu:0.00} s, {samples / (double)rate:0.0} s out)");
    }

    private static void WriteStereoWav(string path, int rate, double seconds)
    {
        var frames = (int)(rate * seconds);
        using var f = new BinaryWriter(File.Create(path, 1 << 20));
        f.Write("RIFF"u8);
        f.Write(36 + frames * 4);
        f.Write("WAVEfmt "u8);
        f.Write(16);
        f.Write((short)1);
        f.Write((short)2);
        f.Write(rate);
        f.Write(rate * 4);
        f.Write((short)4);
        f.Write((short)16);
        f.Write("data"u8);
        f.Write(frames * 4);
        var rng = new Random(1);
        var chunk = new byte[rate * 4];
        for (var start = 0; start < frames; start += rate)
        {
            var n = Math.Min(rate, frames - start);
            for (var i = 0; i < n; i++)
            {
                var t = (start + i) / (double)rate;
                // A gliding tone plus noise, so the MP3 encoder has something to do.
                var s = 0.3 * Math.Sin(2 * Math.PI * (200 + 100 * Math.Sin(t)) * t) + 0.05 * (rng.NextDouble() - 0.5);
                var l = (short)(s * 32767);
                var r = (short)(s * 0.8 * 32767);
                chunk[4 * i] = (byte)l;
                chunk[4 * i + 1] = (byte)(l >> 8);
                chunk[4 * i + 2] = (byte)r;
                chunk[4 * i + 3] = (byte)(r >> 8);
            }
            f.Write(chunk, 0, n * 4);
        }
    }

    private static void Encode(string wav, string mp3)
    {
        var ffmpeg = FfmpegLocator.FindFfmpeg() ?? throw new InvalidOperationException("The decode benchmark needs ffmpeg to make its MP3: apt-get install ffmpeg.");
        var start = new ProcessStartInfo(ffmpeg) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3 })
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException("ffmpeg failed to make the MP3: " + err);
    }
}
