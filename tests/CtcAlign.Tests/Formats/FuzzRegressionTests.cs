using System.Diagnostics;
using CtcAlign.Audio;
using CtcAlign.Formats;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Formats;

/// <summary>
/// The inputs tools/fuzz found crashing (Fixtures/fuzz/TARGET/*), read as tools/fuzz/CtcAlign.Fuzz/FuzzTargets reads
/// them: each must end in a one-line error (a <see cref="CtcAlignException"/>) or succeed, within a second.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(TestMedia.RepositoryRoot(), "tests", "CtcAlign.Tests", "Fixtures", "fuzz");
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
        return data;
    }

    /// <summary>
    /// A hang fails within 10 s instead of stopping the suite. The second read, warm (compiled, caches filled), must
    /// answer within a second: the first read's time is mostly JIT, which on a loaded 2-core machine can pass 1 s.
    /// </summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_found_crash_is_a_one_line_error_now(string target, string file)
    {
        var path = Path.Combine(TestMedia.RepositoryRoot(), "tests", "CtcAlign.Tests", "Fixtures", "fuzz", target, file);
        var first = Task.Run(() => Read(target, path));
        Assert.True(await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10))) == first, "no answer within 10 s");
        await first;
        var clock = Stopwatch.StartNew();
        Read(target, path);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Reads the input as tools/fuzz/CtcAlign.Fuzz/FuzzTargets does; a one-line error is an answer.</summary>
    private static void Read(string target, string path)
    {
        var file = Path.GetFileName(path);
        try
        {
            switch (target)
            {
                case "media":
                    using (var audio = MediaDecoder.Open(path, 16_000, new MediaDecoderOptions(FfmpegPath: "/nonexistent/ffmpeg")))
                    {
                        var buffer = new float[16_000];
                        while (audio.Read(buffer, 0, buffer.Length) > 0)
                        {
                        }
                    }
                    break;
                case "srt": SrtReader.ParseDocument(CaptionTextDecoder.Decode(File.ReadAllBytes(path), file), file); break;
                case "vtt": VttReader.ParseDocument(CaptionTextDecoder.Decode(File.ReadAllBytes(path), file), file); break;
                case "plain": PlainTextReader.ParseDocument(CaptionTextDecoder.Decode(File.ReadAllBytes(path), file), file); break;
                case "manifest": MediaManifestReader.Parse(CaptionTextDecoder.Decode(File.ReadAllBytes(path), file), file, "/fuzz"); break;
                default: Assert.Fail($"unknown fuzz target folder '{target}'"); break;
            }
        }
        catch (CtcAlignException ex)
        {
            Assert.DoesNotContain('\n', ex.Message);
        }
    }
}
