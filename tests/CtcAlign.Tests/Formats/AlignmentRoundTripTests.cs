using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class AlignmentRoundTripTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Srt_round_trips_text_and_times(bool keepUnaligned)
    {
        var media = SampleAlignments.Episode();
        var path = _dir.File("a.srt");
        AlignmentFileWriter.Write(AlignmentFormat.Srt, path, [media], keepUnaligned);
        var read = SrtReader.Read(path);
        AssertCues(media, keepUnaligned, read);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Vtt_round_trips_text_and_times(bool keepUnaligned)
    {
        var media = SampleAlignments.Episode();
        var path = _dir.File("a.vtt");
        AlignmentFileWriter.Write(AlignmentFormat.Vtt, path, [media], keepUnaligned);
        AssertCues(media, keepUnaligned, VttReader.Read(path));
    }

    private static void AssertCues(MediaAlignment media, bool keepUnaligned, IReadOnlyList<CaptionLine> read)
    {
        var expected = media.Segments
            .Where(s => s.Status == SegmentStatus.Aligned || keepUnaligned)
            .Select(s => (s.Text, s.Start ?? s.HintStart, s.End ?? s.HintEnd))
            .ToList();
        Assert.Equal(expected, read.Select(l => (l.Text, l.Start, l.End)).ToList());
    }

    [Fact]
    public void Json_round_trips_every_field_but_the_normalised_text()
    {
        var a = SampleAlignments.Episode("a");
        var b = SampleAlignments.Episode("b") with { Segments = [] };
        var path = _dir.File("a.json");
        AlignmentFileWriter.Write(AlignmentFormat.Json, path, [a, b], keepUnaligned: false);
        var read = AlignmentJsonReader.Read(path);

        Assert.Equal(2, read.Count);
        Assert.Equal((a.Id, a.AudioPath, a.DurationSeconds), (read[0].Id, read[0].AudioPath, read[0].DurationSeconds));
        Assert.Empty(read[1].Segments);
        for (var i = 0; i < a.Segments.Count; i++)
        {
            var (x, y) = (a.Segments[i], read[0].Segments[i]);
            Assert.Equal((x.Index, x.Text, x.Start, x.End, x.Rho, x.Status, x.CaptionWer), (y.Index, y.Text, y.Start, y.End, y.Rho, y.Status, y.CaptionWer));
            Assert.Equal(x.Words, y.Words);
            Assert.Equal("", y.NormalizedText);
        }
    }

    [Fact]
    public void Json_has_exactly_the_documented_keys()
    {
        var path = _dir.File("a.json");
        AlignmentFileWriter.Write(AlignmentFormat.Json, path, [SampleAlignments.Episode()], false);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var media = doc.RootElement.GetProperty("media")[0];
        Assert.Equal(["id", "audio", "duration", "segments"], media.EnumerateObject().Select(p => p.Name));
        var segments = media.GetProperty("segments");
        Assert.Equal(["index", "text", "start", "end", "confidence", "status", "caption_wer", "words"], segments[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["index", "text", "start", "end", "confidence", "status", "words"], segments[3].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["word", "start", "end", "confidence"], segments[0].GetProperty("words")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("low_confidence", segments[1].GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, segments[2].GetProperty("start").ValueKind);
    }

    [Fact]
    public void Ctm_round_trips_the_words_of_placed_segments()
    {
        var media = SampleAlignments.Episode();
        var path = _dir.File("a.ctm");
        AlignmentFileWriter.Write(AlignmentFormat.Ctm, path, [media], false);
        var read = CtmReader.Read(path);
        var expected = media.Segments.Where(s => s.Status != SegmentStatus.NotAligned).SelectMany(s => s.Words)
            .SelectMany(w => w.SpokenParts().Select(p => new AlignedWord(p.Word, p.Start, p.End, w.Confidence))).ToList();
        Assert.Equal(expected.Count, read.Count);
        Assert.All(read, e => Assert.Equal(("episode_1", 1), (e.MediaId, e.Channel)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Word, read[i].Word);
            Assert.Equal(expected[i].Start, read[i].Start, 3);
            Assert.Equal(expected[i].End - expected[i].Start, read[i].Duration, 3);
            Assert.Equal(expected[i].Confidence, read[i].Score!.Value, 4);
        }
        Assert.Equal("episode_1 1 0.520 0.380 Hello 0.9300", File.ReadLines(path).First()); // "Hello," without its comma
    }

    [Fact]
    public void Malformed_ctm_names_the_line()
    {
        var ex = Assert.Throws<CaptionFormatException>(() => CtmReader.Parse("a 1 0.0 0.5 hi 0.9\n\na 1 zero 0.5 hi\n", "x.ctm"));
        Assert.Equal("x.ctm:3: malformed CTM line 'a 1 zero 0.5 hi'", ex.Message);
    }

    [Fact]
    public void TextGrid_round_trips_segment_and_word_tiers()
    {
        var media = SampleAlignments.Episode();
        var path = _dir.File("a.TextGrid");
        AlignmentFileWriter.Write(AlignmentFormat.TextGrid, path, [media], false);
        var tiers = TextGridReader.Read(path);

        Assert.Equal(["segments", "words"], tiers.Select(t => t.Name));
        var placed = media.Segments.Where(s => s.Status != SegmentStatus.NotAligned).ToList();
        Assert.Equal(placed.Select(s => (s.Start!.Value, s.End!.Value, s.Text)),
            tiers[0].Intervals.Where(i => i.Text != "").Select(i => (i.XMin, i.XMax, i.Text)));
        // The zero-length "—" cannot be an interval; every other word is there with its times.
        Assert.Equal(placed.SelectMany(s => s.Words).Where(w => w.End > w.Start).Select(w => (w.Start, w.End, WordForms.Bare(w.Word))),
            tiers[1].Intervals.Where(i => i.Text != "").Select(i => (i.XMin, i.XMax, i.Text)));
        foreach (var tier in tiers)
        {
            Assert.Equal(0, tier.Intervals[0].XMin);
            Assert.Equal(media.DurationSeconds, tier.Intervals[^1].XMax);
            for (var i = 1; i < tier.Intervals.Count; i++)
                Assert.Equal(tier.Intervals[i - 1].XMax, tier.Intervals[i].XMin);
        }
    }

    [Fact]
    public void Per_media_formats_write_one_file_per_media_into_a_folder()
    {
        var written = AlignmentFileWriter.Write(AlignmentFormat.Srt, _dir.File("out"),
            [SampleAlignments.Episode("a/b"), SampleAlignments.Episode("c")], false);
        Assert.Equal([Path.Combine(_dir.File("out"), MediaFileNames.Of("a/b") + ".srt"), Path.Combine(_dir.File("out"), "c.srt")], written);
        Assert.StartsWith("a_b-", Path.GetFileName(written[0])); // flattened, with a hash of the id
        Assert.All(written, p => Assert.Equal(2, SrtReader.Read(p).Count)); // the aligned lines
    }
}
