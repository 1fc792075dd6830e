using System.Globalization;
using System.Text.Json;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class CorpusExporterTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly MediaAlignment Media = SampleAlignments.Episode();

    [Fact]
    public void Default_takes_only_aligned_segments_and_min_confidence_takes_placed_ones_above_it()
    {
        Assert.Equal([0, 3], Media.Segments.Where(s => CorpusExporter.Takes(s, new CorpusExportOptions())).Select(s => s.Index));
        Assert.Equal([0, 1, 3], Media.Segments.Where(s => CorpusExporter.Takes(s, new CorpusExportOptions(-3))).Select(s => s.Index));
        Assert.Equal([0, 3], Media.Segments.Where(s => CorpusExporter.Takes(s, new CorpusExportOptions(-1))).Select(s => s.Index));
    }

    [Fact]
    public void Nemo_manifest_durations_match_the_clips_and_the_segments()
    {
        var source = new FakeClipSource(16_000 * 20);
        var utterances = CorpusExporter.Export(CorpusFormat.Nemo, _dir.Path, [Media], source, new CorpusExportOptions(-3));
        var lines = File.ReadAllLines(_dir.File(NemoManifestWriter.FileName));
        Assert.Equal(3, lines.Length);
        foreach (var (line, segment) in lines.Zip(Media.Segments.Where(s => s.Status != SegmentStatus.NotAligned)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var clip = TestAudio.ReadWav(_dir.File(root.GetProperty("audio_filepath").GetString()!), out var format);
            Assert.Equal((16_000, 1), (format.SampleRate, format.Channels));
            var duration = root.GetProperty("duration").GetDouble();
            Assert.Equal(clip.Length / 16_000.0, duration, 9);
            Assert.Equal(segment.End!.Value - segment.Start!.Value, duration, 4);
            Assert.Equal(segment.NormalizedText, root.GetProperty("text").GetString());
            // The clip starts where the segment starts (the ramp value tells the sample index).
            var first = (long)Math.Round(segment.Start.Value * 16_000);
            Assert.Equal(TestAudio.Ramp((int)first + 1)[first], clip[0], 3);
        }
        Assert.Equal(["episode_1-00000", "episode_1-00001", "episode_1-00003"], utterances.Select(u => u.UtteranceId));
    }

    [Fact]
    public void Padding_widens_clips_but_stays_inside_the_media()
    {
        var media = Media with { DurationSeconds = 9.8 };
        var utterances = CorpusExporter.Export(CorpusFormat.Nemo, _dir.Path, [media], new FakeClipSource(16_000 * 20), new CorpusExportOptions(null, 0.6));
        Assert.Equal((0.0, 2.64), (utterances[0].Start, Math.Round(utterances[0].End, 6)));
        Assert.Equal((8.4, 9.8), (Math.Round(utterances[1].Start, 6), Math.Round(utterances[1].End, 6)));
        Assert.Equal(1.4, utterances[1].DurationSeconds, 9);
    }

    [Fact]
    public void Kaldi_data_dir_has_sorted_consistent_tables()
    {
        var b = SampleAlignments.Episode("b-show");
        CorpusExporter.Export(CorpusFormat.Kaldi, _dir.Path, [Media, b], new FakeClipSource(16_000 * 20), new CorpusExportOptions(-3, 0, UseNormalizedText: false));
        string[] Lines(string name) => File.ReadAllLines(_dir.File(name));
        var utts = Lines("text").Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(utts.Order(StringComparer.Ordinal), utts);
        Assert.Equal(6, utts.Count);
        Assert.Equal("b-show-00001 In 1995, Dr. Smith said <no> & left", Lines("text")[1]);
        Assert.Equal(utts, Lines("wav.scp").Select(l => l.Split(' ')[0]));
        Assert.All(Lines("wav.scp"), l => Assert.True(File.Exists(l.Split(' ', 2)[1])));
        Assert.Equal(utts.Select(u => $"{u} {u[..u.LastIndexOf('-')]}"), Lines("utt2spk"));
        Assert.Equal(["b-show b-show-00000 b-show-00001 b-show-00003", "episode_1 episode_1-00000 episode_1-00001 episode_1-00003"], Lines("spk2utt"));
        var seg = Lines("segments")[0].Split(' ');
        Assert.Equal(("b-show-00000", "b-show-00000", "0.000"), (seg[0], seg[1], seg[2]));
        Assert.Equal(2.04 - 0.52, double.Parse(seg[3], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void Audiofolder_metadata_quotes_fields_and_points_at_the_clips()
    {
        CorpusExporter.Export(CorpusFormat.HuggingFace, _dir.Path, [Media], new FakeClipSource(16_000 * 20), new CorpusExportOptions(UseNormalizedText: false));
        var lines = File.ReadAllLines(_dir.File(AudioFolderMetadataWriter.FileName));
        Assert.Equal("file_name,text,media_id,start,end,duration,confidence", lines[0]);
        Assert.Equal("clips/episode_1-00000.wav,\"Hello, \"\"world\"\" — café.\",episode 1,0.52,2.04,1.52,-0.41", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.True(File.Exists(_dir.File("clips/episode_1-00003.wav")));
    }

    [Fact]
    public void Wav_clip_source_cuts_the_requested_samples_and_pads_past_the_end()
    {
        var wav = TestAudio.WriteWav(_dir.File("in.wav"), TestAudio.Ramp(16_000));
        var clip = new WavClipSource().ReadClip(wav, 15_990, 20);
        var ramp = TestAudio.Ramp(16_000);
        for (var i = 0; i < 10; i++)
            Assert.Equal(ramp[15_990 + i], clip[i], 3);
        Assert.All(clip[10..], s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Wav_clip_source_refuses_other_formats_in_one_line()
    {
        var wav = TestAudio.WriteWav(_dir.File("stereo.wav"), new float[100], 44_100, 2);
        var ex = Assert.Throws<CtcAlign.Audio.AudioFormatException>(() => new WavClipSource().ReadClip(wav, 0, 10));
        Assert.Equal($"{wav}: WavClipSource needs 16 kHz mono WAV, this is 44100 Hz with 2 channel(s)", ex.Message);
    }
}
