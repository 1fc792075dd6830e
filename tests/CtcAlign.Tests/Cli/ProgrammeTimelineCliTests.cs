using System.Globalization;
using CtcAlign.Cli;
using CtcAlign.Cli.Verbs;
using CtcAlign.Formats;
using CtcAlign.Tests.Audio;

namespace CtcAlign.Tests.Cli;

/// <summary>
/// Output times on the programme's timeline, end to end with the default model: the first 8 s of the quick-start sample in
/// MP4, MPEG-TS and Matroska made by ffmpeg with the audio starting 0.5 s after a synthetic video stream.
/// </summary>
public sealed class ProgrammeTimelineCliTests : IDisposable
{
    private const double AudioLate = 0.5;

    private readonly TempFolder _dir = new();
    private readonly string _root = TestMedia.RepositoryRoot();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Err)> AlignAsync(string media, string captions, string db, string output, params string[] more)
    {
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        var code = await Program.RunAsync(
            // --min-p 0.5: these tests are about where cues land, so a line whose p_correct sits near the strict default
            // threshold in one container and not in another must not change which cues the SRT holds
            ["align", media, "--captions", captions, "--model", Path.Combine(_root, "models", "default"), "--device", "cpu", "--db", db, "--out", output,
                "--min-p", "0.5", .. more],
            new CliConsole(outWriter, errWriter, false), new CliServices(DefaultAlignerFactory.Create, new DecodingClipSource()));
        return (code, errWriter.ToString());
    }

    private static List<(double Start, double End)> Cues(string srt) =>
        CaptionReader.ReadDocument(srt).Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToList();

    /// <summary>The clip with a 64x48 video stream from 0 and the audio from 0.5 s (-itsoffset), audio in <paramref name="codec"/>.</summary>
    private string Container(string wav, string extension, string codec)
    {
        var path = _dir.File("late." + extension);
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x48:r=25:d=8", "-itsoffset", AudioLate.ToString(CultureInfo.InvariantCulture), "-i", wav,
            "-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-c:a", codec, "-shortest", path);
        return path;
    }

    [Fact]
    public async Task Cues_from_containers_whose_audio_starts_late_are_moved_by_that_start_and_caption_bases_are_kept()
    {
        var wav = _dir.File("clip.wav");
        TestMedia.Ffmpeg("-i", Path.Combine(_root, "audio-samples", "sample.wav"), "-t", "8", wav);
        var srt = File.ReadAllText(Path.Combine(_root, "audio-samples", "sample.srt"));
        var captions = _dir.Write("clip.srt", string.Join("\n\n", srt.Replace("\r", "").Split("\n\n").Take(3)) + "\n");

        var (code, err) = await AlignAsync(wav, captions, _dir.File("wav.db"), _dir.File("wav.srt"));
        Assert.True(code == ExitCodes.Success, err);
        var reference = Cues(_dir.File("wav.srt"));
        Assert.Equal(3, reference.Count);

        // AAC starts 64 ms (its priming) before the first real sample, a 20 ms model frame rounds: within 45 ms of +0.5 s
        foreach (var (extension, codec) in new[] { ("mp4", "aac"), ("ts", "aac") })
        {
            var media = Container(wav, extension, codec);
            (code, err) = await AlignAsync(media, captions, _dir.File(extension + ".db"), _dir.File(extension + ".srt"));
            Assert.True(code == ExitCodes.Success, err);
            var cues = Cues(_dir.File(extension + ".srt"));
            Assert.Equal(reference.Count, cues.Count);
            for (var k = 0; k < cues.Count; k++)
            {
                Assert.True(Math.Abs(cues[k].Start - reference[k].Start - AudioLate) <= 0.045, $"{extension} cue {k + 1} starts at {cues[k].Start}, WAV {reference[k].Start}");
                Assert.True(Math.Abs(cues[k].End - reference[k].End - AudioLate) <= 0.045, $"{extension} cue {k + 1} ends at {cues[k].End}, WAV {reference[k].End}");
            }
        }

        // captions timed from 10:00:00 come back based at 10:00:00; the MKV's FLAC audio has no priming
        var mkv = Container(wav, "mkv", "flac");
        var tenHours = _dir.Write("clip10.srt", File.ReadAllText(captions).Replace("00:00:0", "10:00:0"));
        (code, err) = await AlignAsync(mkv, tenHours, _dir.File("mkv.db"), _dir.File("mkv.srt"));
        Assert.True(code == ExitCodes.Success, err);
        Assert.Contains("the captions are timed from 10:00:00", err);
        var based = Cues(_dir.File("mkv.srt"));
        Assert.Equal(reference.Count, based.Count);
        for (var k = 0; k < based.Count; k++)
            Assert.InRange(based[k].Start - reference[k].Start - AudioLate - 36_000, -0.025, 0.025);

        // --time-base audio: from the first audio sample; an explicit timecode with frames
        (code, err) = await AlignAsync(mkv, tenHours, _dir.File("mkv.db"), _dir.File("audio.srt"), "--time-base", "audio", "--timecode-offset", "09:59:59:12", "--fps", "25");
        Assert.True(code == ExitCodes.Success, err);
        var audioBased = Cues(_dir.File("audio.srt"));
        for (var k = 0; k < audioBased.Count; k++)
            Assert.InRange(audioBased[k].Start - reference[k].Start - (36_000 - 0.52), -0.045, 0.045);

        // the picture 0.5 s after the audio: --time-base video counts from the first frame, so every cue is 0.5 s earlier
        var pictureLate = _dir.File("picture-late.mkv");
        TestMedia.Ffmpeg("-itsoffset", "0.5", "-f", "lavfi", "-i", "color=c=black:s=64x48:r=25:d=8", "-i", wav,
            "-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-c:a", "flac", "-shortest", pictureLate);
        (code, err) = await AlignAsync(pictureLate, captions, _dir.File("video.db"), _dir.File("video.srt"), "--time-base", "video");
        Assert.True(code == ExitCodes.Success, err);
        var videoBased = Cues(_dir.File("video.srt"));
        for (var k = 0; k < videoBased.Count; k++)
            Assert.InRange(videoBased[k].Start - reference[k].Start + AudioLate, -0.025, 0.025);
    }
}
