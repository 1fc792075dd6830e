using CtcAlign.Audio;
using CtcAlign.Formats;

namespace CtcAlign.Fuzz;

/// <summary>
/// One function per fuzz target: it reads the input as a user's file would be read. A <see cref="CtcAlignException"/>
/// (the one-line errors: AudioFormatException, CaptionFormatException) is the expected answer to bad input; any other
/// exception, or a run past AFL's time limit, is a finding.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["media", "srt", "vtt", "plain", "manifest"];

    /// <summary>
    /// From $CTCALIGN_FUZZ_ONLY (an exception's full type name, e.g. System.DivideByZeroException): only that exception
    /// is a finding, others are ignored. afl-tmin keeps an input as long as it crashes at all, so without this a
    /// minimised input often ends in an easier crash than the one found.
    /// </summary>
    private static readonly string? Only = Environment.GetEnvironmentVariable("CTCALIGN_FUZZ_ONLY") is { Length: > 0 } only ? only : null;

    public static void Run(string target, byte[] input)
    {
        try
        {
            RunTarget(target, input);
        }
        catch (Exception ex) when (Only is not null && ex.GetType().FullName != Only)
        {
        }
    }

    private static void RunTarget(string target, byte[] input)
    {
        try
        {
            switch (target)
            {
                case "media": Media(input); break;
                case "srt": SrtReader.ParseDocument(CaptionTextDecoder.Decode(input, "fuzz.srt"), "fuzz.srt"); break;
                case "vtt": VttReader.ParseDocument(CaptionTextDecoder.Decode(input, "fuzz.vtt"), "fuzz.vtt"); break;
                case "plain": PlainTextReader.ParseDocument(CaptionTextDecoder.Decode(input, "fuzz.txt"), "fuzz.txt"); break;
                case "manifest": MediaManifestReader.Parse(CaptionTextDecoder.Decode(input, "fuzz.jsonl"), "fuzz.jsonl", "/fuzz"); break;
                default: throw new ArgumentException($"unknown target '{target}' ({string.Join(", ", Names)})");
            }
        }
        catch (CtcAlignException)
        {
        }
    }

    /// <summary>
    /// Sniffing, header checks and decoding of WAV, AIFF and MP3 (the formats read in-process) through
    /// <see cref="MediaDecoder"/>, to 16 kHz mono, every sample read. ffmpeg is never started: other formats end in
    /// the "needs ffmpeg" error.
    /// </summary>
    private static void Media(byte[] input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ctcalign-fuzz-{Environment.ProcessId}.bin");
        File.WriteAllBytes(path, input);
        try
        {
            using var audio = MediaDecoder.Open(path, 16_000, new MediaDecoderOptions(FfmpegPath: "/nonexistent/ffmpeg"));
            var buffer = new float[16_000];
            while (audio.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
