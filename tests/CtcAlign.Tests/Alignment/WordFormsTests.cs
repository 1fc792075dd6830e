using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Tests.LongForm;
using CtcAlign.Text;

namespace CtcAlign.Tests.Alignment;

/// <summary>Words as scoring tools match them: no edge punctuation, hyphenated compounds as their timed parts.</summary>
public sealed class WordFormsTests
{
    [Theory]
    [InlineData("them,", "them")]
    [InlineData("Naomi,", "Naomi")]
    [InlineData("\"(Hello!)\"", "Hello")]
    [InlineData("Dr.", "Dr")]
    [InlineData("U.S.", "U.S.")]
    [InlineData("e.g.,", "e.g.")]
    [InlineData("don't", "don't")]
    [InlineData("10%", "10%")]
    [InlineData("#1", "#1")]
    [InlineData("£1,413", "£1,413")]
    [InlineData("...", "")]
    public void Bare_removes_edge_punctuation_only(string word, string expected) => Assert.Equal(expected, WordForms.Bare(word));

    [Theory]
    [InlineData("well-known,", "well|known")]
    [InlineData("twenty-one", "twenty|one")]
    [InlineData("COVID-19:", "COVID|19")]
    [InlineData("1990–2000", "1990|2000")]
    [InlineData("-word-", "word")]
    [InlineData("plain", "plain")]
    public void Hyphen_pieces(string word, string expected) => Assert.Equal(expected.Split('|'), WordForms.HyphenPieces(word));

    [Fact]
    public void Part_frames_give_each_piece_its_spoken_words_or_nothing_when_counts_differ()
    {
        // "COVID-19" is spoken "covid" "nineteen": one spoken word per piece
        var parts = WordForms.PartFrames("COVID-19", [(10, 20), (22, 30)], p => TextNormalizer.Speak(p).Count);
        Assert.Equal([("COVID", 10, 20), ("19", 22, 30)], parts);
        // "mid-1990s": "mid" "nineteen" "nineties": the second piece owns two spoken words
        parts = WordForms.PartFrames("mid-1990s", [(0, 5), (6, 12), (13, 20)], p => TextNormalizer.Speak(p).Count);
        Assert.Equal([("mid", 0, 5), ("1990s", 6, 20)], parts);
        Assert.Null(WordForms.PartFrames("well-known", [(0, 9)], p => TextNormalizer.Speak(p).Count)); // the model spelled it as one word
        Assert.Null(WordForms.PartFrames("plain", [(0, 9)], p => 1));
    }

    [Fact]
    public void The_word_aligner_times_each_part_of_a_compound_from_its_own_frames()
    {
        var text = NormalizingTokenizer.For(new TextNormalizer(LetterModel.Vocabulary))("a well-known man,");
        var planted = new PlantedEmissions(LetterModel.Vocabulary.Count, seed: 3);
        planted.Silence(10);
        var peaks = planted.Say(text.TokenIds);
        planted.Silence(10);
        var emissions = planted.Build();

        var words = new ViterbiWordAligner(LetterModel.Blank).AlignWords(emissions, text);

        Assert.Equal(["a", "well-known", "man,"], words.Select(w => w.Word));
        var compound = words[1];
        var parts = Assert.IsAssignableFrom<IReadOnlyList<AlignedWordPart>>(compound.Parts);
        Assert.Equal(["well", "known"], parts.Select(p => p.Word));
        Assert.Equal(compound.Start, parts[0].Start);
        Assert.Equal(compound.End, parts[1].End);
        // the boundary lies between the last "l" of "well" and the "k" of "known"
        var lastL = peaks[Array.FindIndex(text.WordOfToken, k => k == 1) + 3] * 0.02;
        var k = peaks[Array.FindLastIndex(text.WordOfToken, w => w == 1) - 4] * 0.02;
        Assert.InRange(parts[0].End, lastL, k);
        Assert.InRange(parts[1].Start, parts[0].End, k);
        Assert.Null(words[0].Parts);
        Assert.Null(words[2].Parts);
    }

    private static MediaAlignment Compound() => new("clip 1", "clip.wav", 3, [
        new AlignedSegment(0, "A well-known man,", "a well known man", 0.5, 2.0, -0.5, SegmentStatus.Aligned, [
            new AlignedWord("A", 0.5, 0.6, 0.9),
            new AlignedWord("well-known", 0.7, 1.4, 0.8, [new AlignedWordPart("well", 0.7, 1.0), new AlignedWordPart("known", 1.05, 1.4)]),
            new AlignedWord("man,", 1.5, 2.0, 0.7),
        ]),
    ]);

    [Fact]
    public void Ctm_and_textgrid_write_bare_words_and_parts_unless_asked_for_the_caption_spelling()
    {
        var ctm = new StringWriter();
        CtmWriter.Write(ctm, [Compound()]);
        Assert.Equal("clip_1 1 0.500 0.100 A 0.9000\nclip_1 1 0.700 0.300 well 0.8000\nclip_1 1 1.050 0.350 known 0.8000\nclip_1 1 1.500 0.500 man 0.7000\n", ctm.ToString());
        ctm = new StringWriter();
        CtmWriter.Write(ctm, [Compound()], captionSpelling: true);
        Assert.Contains("clip_1 1 0.700 0.700 well-known 0.8000\n", ctm.ToString());
        Assert.Contains(" man, ", ctm.ToString());

        var grid = new StringWriter();
        TextGridWriter.Write(grid, Compound());
        var words = TextGridReader.Parse(grid.ToString(), "grid").Single(t => t.Name == "words");
        Assert.Equal(["A", "well", "known", "man"], words.Intervals.Where(i => i.Text != "").Select(i => i.Text));
    }

    [Fact]
    public void The_database_keeps_the_parts_and_a_schema_2_database_gains_the_column()
    {
        using var dir = new TempFolder();
        var path = dir.File("parts.db");
        using (var store = CtcAlign.Storage.SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Compound(), "h");
        using (var db = new SQLite.SQLiteConnection(path))
        {
            db.Execute("ALTER TABLE words DROP COLUMN parts");
            db.Execute("PRAGMA user_version = 2");
        }
        using (var store = CtcAlign.Storage.SegmentStore.Open(path, readOnly: true))
            Assert.Null(store.LoadAlignment("clip 1")!.Segments[0].Words[1].Parts); // read as it is, nothing changed
        using (var store = CtcAlign.Storage.SegmentStore.Open(path))
            store.SaveMedia(store.GetOrAddRun("m", "p", "1"), Compound(), "h");
        using var again = CtcAlign.Storage.SegmentStore.Open(path, readOnly: true);
        Assert.Equal(Compound().Segments[0].Words[1].Parts!, again.LoadAlignment("clip 1")!.Segments[0].Words[1].Parts!);
        Assert.Null(again.LoadAlignment("clip 1")!.Segments[0].Words[0].Parts);
    }

    [Fact]
    public void Json_keeps_the_written_word_and_its_timed_spoken_parts_and_reads_them_back()
    {
        using var buffer = new MemoryStream();
        AlignmentJsonWriter.Write(buffer, [Compound()]);
        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("\"word\": \"well-known\"", json);
        Assert.Contains("\"spoken\": [", json);
        var path = Path.Combine(Path.GetTempPath(), $"ctcalign-wordforms-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var word = AlignmentJsonReader.Read(path).Single().Segments[0].Words[1];
            Assert.Equal("well-known", word.Word);
            Assert.Equal([new AlignedWordPart("well", 0.7, 1.0), new AlignedWordPart("known", 1.05, 1.4)], word.Parts!);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
