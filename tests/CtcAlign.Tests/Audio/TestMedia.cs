using System.Diagnostics;
using System.Text;

namespace CtcAlign.Tests.Audio;

/// <summary>Media files the tests make themselves: WAVs written byte by byte, everything else with ffmpeg.</summary>
internal sealed class TestMedia : IDisposable
{
    public TestMedia()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ctcalign-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <summary>Interleaved stereo test signal: left = 0.5 sin(2 pi f t), right = -0.25 sin(...): mono mix = 0.125 sin.</summary>
    public static float[] StereoSine(int rate, double seconds, double frequency = 440)
    {
        var n = (int)Math.Round(rate * seconds);
        var data = new float[n * 2];
        for (var i = 0; i < n; i++)
        {
            var s = (float)Math.Sin(2 * Math.PI * frequency * i / rate);
            data[2 * i] = 0.5f * s;
            data[2 * i + 1] = -0.25f * s;
        }
        return data;
    }

    /// <summary>Writes a RIFF/WAVE file: PCM 8/16/24/32-bit or float 32/64-bit, optionally WAVE_FORMAT_EXTENSIBLE.</summary>
    public string WriteWav(string name, float[] interleaved, int rate, int channels, int bits, bool isFloat = false, bool extensible = false,
        int? declaredDataBytes = null)
    {
        var path = PathOf(name);
        var bytesPerSample = bits / 8;
        var data = new byte[interleaved.Length * bytesPerSample];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var x = Math.Clamp(interleaved[i], -1f, 1f);
            var at = i * bytesPerSample;
            switch (bits, isFloat)
            {
                case (8, false): data[at] = (byte)Math.Clamp((int)Math.Round(x * 127 + 128), 0, 255); break;
                case (16, false): BitConverter.GetBytes((short)Math.Round(x * 32767)).CopyTo(data, at); break;
                case (24, false):
                    var v = (int)Math.Round(x * 8388607);
                    data[at] = (byte)v; data[at + 1] = (byte)(v >> 8); data[at + 2] = (byte)(v >> 16);
                    break;
                case (32, false): BitConverter.GetBytes((int)Math.Round(x * 2147483647.0)).CopyTo(data, at); break;
                case (32, true): BitConverter.GetBytes(x).CopyTo(data, at); break;
                case (64, true): BitConverter.GetBytes((double)x).CopyTo(data, at); break;
                default: throw new ArgumentException($"bits {bits} float {isFloat}");
            }
        }
        using var f = new BinaryWriter(File.Create(path));
        var fmtSize = extensible ? 40 : 16;
        f.Write(Encoding.ASCII.GetBytes("RIFF"));
        f.Write(4 + 8 + fmtSize + 8 + data.Length);
        f.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
        f.Write(fmtSize);
        f.Write((short)(extensible ? 0xFFFE : isFloat ? 3 : 1));
        f.Write((short)channels);
        f.Write(rate);
        f.Write(rate * channels * bytesPerSample);
        f.Write((short)(channels * bytesPerSample));
        f.Write((short)bits);
        if (extensible)
        {
            f.Write((short)22);
            f.Write((short)bits);
            f.Write(channels == 2 ? 3 : 4); // channel mask
            f.Write(new Guid(isFloat ? "00000003-0000-0010-8000-00aa00389b71" : "00000001-0000-0010-8000-00aa00389b71").ToByteArray());
        }
        f.Write(Encoding.ASCII.GetBytes("data"));
        f.Write(declaredDataBytes ?? data.Length);
        f.Write(data);
        return path;
    }

    /// <summary>Runs ffmpeg (installed by tools/install-test-deps.sh); a missing ffmpeg fails the test, it does not skip it.</summary>
    public static void Ffmpeg(params string[] args)
    {
        var ffmpeg = CtcAlign.Audio.FfmpegLocator.FindOnPath("ffmpeg")
                     ?? throw new InvalidOperationException("These tests need ffmpeg: run tools/install-test-deps.sh (apt-get install ffmpeg).");
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(args))
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err.Result}");
    }

    /// <summary>A 440 Hz stereo tone of <paramref name="seconds"/> at 44.1 kHz encoded by ffmpeg with the given output options.</summary>
    public string EncodeTone(string name, double seconds, params string[] outputOptions)
    {
        var path = PathOf(name);
        Ffmpeg(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-af", "pan=stereo|c0=c0|c1=c0", .. outputOptions, path]); // both channels = the tone
        return path;
    }

    /// <summary>Reads the whole source (tests only use short files).</summary>
    public static float[] ReadAll(NAudio.Wave.ISampleProvider source, int chunk = 4096)
    {
        var all = new List<float>();
        var buffer = new float[chunk];
        int n;
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            all.AddRange(buffer.AsSpan(0, n));
        return all.ToArray();
    }

    /// <summary>Estimated frequency of a tone from its zero crossings.</summary>
    public static double ToneFrequency(float[] x, int rate)
    {
        var crossings = 0;
        for (var i = 1; i < x.Length; i++)
            if (x[i - 1] < 0 && x[i] >= 0)
                crossings++;
        return crossings / (x.Length / (double)rate);
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x)
            s += v * v;
        return Math.Sqrt(s / Math.Max(1, x.Length));
    }

    /// <summary>The repository root (the folder with CtcAlign.sln), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CtcAlign.sln")))
                return d.FullName;
        throw new InvalidOperationException("CtcAlign.sln not found above " + AppContext.BaseDirectory);
    }
}
