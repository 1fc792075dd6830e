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

    /// <summary>The file name of the id "episode 1": flattened, with a hash of the id since flattening changed it.</summary>
    private static readonly string E = "episode_1-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("episode 1"u8))[..8];

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
        var utterances = CorpusExporter.Export(CorpusFormat.Nemo, _dir.Path, [Media], source, new CorpusExportOptions(-3, 0)).Utterances;
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
            Assert.Equal(Math.Round(segment.Rho, 4), root.GetProperty("confidence").GetDouble());
            Assert.Equal(Math.Round(segment.Words.Average(w => w.Confidence), 4), root.GetProperty("word_confidence").GetDouble(), 9);
            // The clip starts where the segment starts (the ramp value tells the sample index).
            var first = (long)Math.Round(segment.Start.Value * 16_000);
            Assert.Equal(TestAudio.Ramp((int)first + 1)[first], clip[0], 3);
        }
        Assert.Equal([$"{E}-00000", $"{E}-00001", $"{E}-00003"], utterances.Select(u => u.UtteranceId));
    }

    [Fact]
    public void Default_padding_goes_015_s_into_the_silence_and_never_into_a_neighbouring_word()
    {
        // Line 0 ends at 2.04 and line 1 (low confidence, not exported, but still speech) starts at 2.3.
        var u = CorpusExporter.Plan([Media], new CorpusExportOptions()).Utterances;
        Assert.Equal([(0.37, 2.19), (8.85, 9.9)], u.Select(x => (Math.Round(x.Start, 6), Math.Round(x.End, 6))));
        var wide = CorpusExporter.Plan([Media], new CorpusExportOptions(-3, 0.6)).Utterances;
        Assert.Equal([(0.0, 2.3), (2.04, 5.7), (8.4, 9.75 + 0.6)], wide.Select(x => (Math.Round(x.Start, 6), Math.Round(x.End, 6))));
    }

    [Fact]
    public void Padding_stays_inside_the_media()
    {
        var media = Media with { DurationSeconds = 9.8 };
        var utterances = CorpusExporter.Export(CorpusFormat.Nemo, _dir.Path, [media], new FakeClipSource(16_000 * 20), new CorpusExportOptions(null, 0.6)).Utterances;
        Assert.Equal((0.0, 2.3), (utterances[0].Start, Math.Round(utterances[0].End, 6)));
        Assert.Equal((8.4, 9.8), (Math.Round(utterances[1].Start, 6), Math.Round(utterances[1].End, 6)));
        Assert.Equal(1.4, utterances[1].DurationSeconds, 9);
    }

    /// <summary>One 4.6 s line whose longest pause (1 s) is after "Dr.".</summary>
    private static MediaAlignment LongLine(string normalized = "in nineteen ninety five doctor smith said hello", string text = "In 1995, Dr. Smith said hello") =>
        new("talk", "/media/talk.wav", 20, [
            new AlignedSegment(0, text, normalized, 0.0, 4.6, -0.5, SegmentStatus.Aligned,
            [
                new AlignedWord("In", 0.0, 0.3, 0.9), new AlignedWord("1995,", 0.4, 1.5, 0.8), new AlignedWord("Dr.", 1.6, 2.0, 0.7),
                new AlignedWord("Smith", 3.0, 3.5, 0.6), new AlignedWord("said", 3.6, 4.0, 0.5), new AlignedWord("hello", 4.1, 4.6, 0.4),
            ]),
        ]);

    [Fact]
    public void Lines_longer_than_the_maximum_are_split_at_the_largest_pause_with_their_own_text_and_confidence()
    {
        var u = CorpusExporter.Plan([LongLine()], new CorpusExportOptions(MaxDurationSeconds: 3)).Utterances;
        Assert.Equal(["talk-00000-000", "talk-00000-001"], u.Select(x => x.UtteranceId));
        Assert.Equal(["in nineteen ninety five doctor", "smith said hello"], u.Select(x => x.Text));
        Assert.Equal([(0.0, 2.15), (2.85, 4.75)], u.Select(x => (Math.Round(x.Start, 6), Math.Round(x.End, 6))));
        Assert.Equal([0.8, 0.5], u.Select(x => Math.Round(x.WordConfidence!.Value, 6)));
        Assert.All(u, x => Assert.True(x.DurationSeconds <= 3));

        var original = CorpusExporter.Plan([LongLine()], new CorpusExportOptions(MaxDurationSeconds: 3, UseNormalizedText: false)).Utterances;
        Assert.Equal(["In 1995, Dr.", "Smith said hello"], original.Select(x => x.Text));
        // Within the limit the line stays whole, under its own id.
        Assert.Equal(["talk-00000"], CorpusExporter.Plan([LongLine()], new CorpusExportOptions()).Utterances.Select(x => x.UtteranceId));
    }

    [Fact]
    public void Short_clips_unsplittable_lines_and_unalignable_words_are_left_out_and_counted()
    {
        var result = CorpusExporter.Plan([LongLine()], new CorpusExportOptions(MaxDurationSeconds: 3, MinDurationSeconds: 2.1));
        Assert.Equal((1, 0, 1, 0), (result.Utterances.Count, result.LinesNotSplit, result.ClipsTooShort, result.LinesWithUnalignableWords));
        Assert.Equal("in nineteen ninety five doctor", result.Utterances[0].Text);

        var noWords = LongLine() with { Segments = [LongLine().Segments[0] with { Words = [] }] };
        Assert.Equal(1, CorpusExporter.Plan([noWords], new CorpusExportOptions(MaxDurationSeconds: 3)).LinesNotSplit);
        // Stored text that does not divide by the caption's words (here one word short) is never split by guesswork.
        Assert.Equal(1, CorpusExporter.Plan([LongLine("in nineteen ninety five doctor smith said")], new CorpusExportOptions(MaxDurationSeconds: 3)).LinesNotSplit);

        // "Σmith" has no tokens, so no time: its audio may be in either piece, so the whole line is left out.
        var line = LongLine("in nineteen ninety five doctor <unk> said hello", "In 1995, Dr. Σmith said hello");
        line = line with { Segments = [line.Segments[0] with { Words = line.Segments[0].Words.Where(w => w.Word != "Smith").ToList() }] };
        var unk = CorpusExporter.Plan([line], new CorpusExportOptions(MaxDurationSeconds: 3));
        Assert.Equal((0, 1), (unk.Utterances.Count, unk.LinesWithUnalignableWords));
        Assert.Equal(1, CorpusExporter.Plan([line], new CorpusExportOptions(MaxDurationSeconds: 3, UseNormalizedText: false)).Utterances.Count(x => x.Text == "In 1995, Dr. Σmith"));
    }

    [Theory]
    [InlineData(0.0, 4.6, 1)] // every word inside
    [InlineData(0.04, 4.56, 1)] // 40 ms out at each end: within the tolerance
    [InlineData(0.0, 4.0, 0)] // "hello" (4.1-4.6) lies past the span's end
    [InlineData(1.0, 4.6, 0)] // "In" and "1995," lie before the span
    public void A_line_with_words_more_than_50_ms_outside_its_span_is_left_out_and_counted(double start, double end, int clips)
    {
        var line = LongLine();
        line = line with { Segments = [line.Segments[0] with { Start = start, End = end, Rho = -4.5, Status = SegmentStatus.LowConfidence }] };
        var result = CorpusExporter.Plan([line], new CorpusExportOptions(MinConfidence: -5));
        Assert.Equal((clips, 1 - clips), (result.Utterances.Count, result.LinesWithWordsOutside));
        if (clips == 1)
            Assert.Equal("in nineteen ninety five doctor smith said hello", result.Utterances[0].Text);
    }

    [Theory]
    [InlineData(-0.1, 30, 0, "padding must be 0 or more seconds (got -0.1)")]
    [InlineData(0.15, 0.3, 0, "maximum duration (0.3 s) must be more than twice the padding (0.15 s)")]
    [InlineData(0.15, 5, 6, "maximum duration (5 s) is below the minimum duration (6 s)")]
    public void Options_that_cannot_work_say_why(double padding, double max, double min, string problem) =>
        Assert.Equal(problem, new CorpusExportOptions(null, padding, true, max, min).Problem());

    [Fact]
    public void Kaldi_data_dir_names_the_original_recordings_and_gives_offsets_in_segments()
    {
        var wav = TestAudio.WriteWav(_dir.File("show.wav"), TestAudio.Ramp(16_000 * 13));
        var media = SampleAlignments.Episode() with { AudioPath = wav };
        var b = SampleAlignments.Episode("b-show"); // /media/episode 1.wav: not a WAV here, so an ffmpeg pipe
        var outDir = _dir.File("kaldi");
        CorpusExporter.Export(CorpusFormat.Kaldi, outDir, [media, b], new FakeClipSource(16_000 * 20), new CorpusExportOptions(-3, 0));
        string[] Lines(string name) => File.ReadAllLines(Path.Combine(outDir, name));
        Assert.False(Directory.Exists(Path.Combine(outDir, "clips")));
        Assert.Equal(["b-show ffmpeg -nostdin -v error -i '/media/episode 1.wav' -ac 1 -ar 16000 -f wav - |", $"{E} {Path.GetFullPath(wav)}"], Lines("wav.scp"));
        Assert.Equal("b-show-00001 b-show 2.300 5.100", Lines("segments")[1]);
        Assert.Equal($"{E}-00003 {E} 9.000 9.750", Lines("segments")[5]);
        Assert.Equal($"{E}-00001 -2.75", Lines("utt2confidence")[4]);
        Assert.Equal($"{E}-00003 0.95", Lines("utt2word_confidence")[5]);
    }

    [Fact]
    public void Kaldi_data_dir_with_clips_has_sorted_consistent_tables()
    {
        var b = SampleAlignments.Episode("b-show");
        CorpusExporter.Export(CorpusFormat.Kaldi, _dir.Path, [Media, b], new FakeClipSource(16_000 * 20), new CorpusExportOptions(-3, 0, UseNormalizedText: false, CutClips: true));
        string[] Lines(string name) => File.ReadAllLines(_dir.File(name));
        var utts = Lines("text").Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(utts.Order(StringComparer.Ordinal), utts);
        Assert.Equal(6, utts.Count);
        Assert.Equal("b-show-00001 In 1995, Dr. Smith said <no> & left", Lines("text")[1]);
        Assert.Equal(utts, Lines("wav.scp").Select(l => l.Split(' ')[0]));
        Assert.All(Lines("wav.scp"), l => Assert.True(File.Exists(l.Split(' ', 2)[1])));
        Assert.Equal(utts.Select(u => $"{u} {u[..u.LastIndexOf('-')]}"), Lines("utt2spk"));
        Assert.Equal(["b-show b-show-00000 b-show-00001 b-show-00003", $"{E} {E}-00000 {E}-00001 {E}-00003"], Lines("spk2utt"));
        var seg = Lines("segments")[0].Split(' ');
        Assert.Equal(("b-show-00000", "b-show-00000", "0.000"), (seg[0], seg[1], seg[2]));
        Assert.Equal(2.04 - 0.52, double.Parse(seg[3], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void Audiofolder_metadata_quotes_fields_and_points_at_the_clips()
    {
        CorpusExporter.Export(CorpusFormat.HuggingFace, _dir.Path, [Media], new FakeClipSource(16_000 * 20), new CorpusExportOptions(PaddingSeconds: 0, UseNormalizedText: false));
        var lines = File.ReadAllLines(_dir.File(AudioFolderMetadataWriter.FileName));
        Assert.Equal("file_name,text,media_id,start,end,duration,confidence,word_confidence", lines[0]);
        Assert.Equal($"clips/{E}-00000.wav,\"Hello, \"\"world\"\" — café.\",episode 1,0.52,2.04,1.52,-0.41,0.78", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.True(File.Exists(_dir.File($"clips/{E}-00003.wav")));
    }

    [Fact]
    public void Lhotse_manifests_pair_each_clip_recording_with_one_supervision()
    {
        CorpusExporter.Export(CorpusFormat.Lhotse, _dir.Path, [Media], new FakeClipSource(16_000 * 20), new CorpusExportOptions());
        var recordings = File.ReadAllLines(_dir.File(LhotseManifestWriter.RecordingsFileName)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var supervisions = File.ReadAllLines(_dir.File(LhotseManifestWriter.SupervisionsFileName)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, recordings.Count);
        Assert.Equal(recordings.Select(r => r.GetProperty("id").GetString()), supervisions.Select(s => s.GetProperty("recording_id").GetString()));
        foreach (var (r, s) in recordings.Zip(supervisions))
        {
            var path = r.GetProperty("sources")[0].GetProperty("source").GetString()!;
            Assert.True(Path.IsPathRooted(path));
            var samples = TestAudio.ReadWav(path, out _);
            Assert.Equal(samples.Length, r.GetProperty("num_samples").GetInt64());
            Assert.Equal(16_000, r.GetProperty("sampling_rate").GetInt32());
            Assert.Equal(samples.Length / 16_000.0, r.GetProperty("duration").GetDouble(), 9);
            Assert.Equal(r.GetProperty("duration").GetDouble(), s.GetProperty("duration").GetDouble());
            Assert.Equal(0.0, s.GetProperty("start").GetDouble());
            Assert.Equal($"{E}", s.GetProperty("speaker").GetString());
        }
        var first = supervisions[0];
        Assert.Equal("hello world cafe", first.GetProperty("text").GetString());
        Assert.Equal((-0.41, 0.78, 0.37), (first.GetProperty("custom").GetProperty("confidence").GetDouble(),
            first.GetProperty("custom").GetProperty("word_confidence").GetDouble(), first.GetProperty("custom").GetProperty("media_start").GetDouble()));
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
