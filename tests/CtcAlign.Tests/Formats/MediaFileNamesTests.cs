using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class MediaFileNamesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Hash(string id) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..8];

    [Theory]
    [InlineData("show_1", "show_1")]
    [InlineData("news.2024-01", "news.2024-01")]
    [InlineData("show 1", "show_1-")]
    [InlineData("é1", "_1-")]
    [InlineData(".hidden", "_hidden-")]
    [InlineData("a/b", "a_b-")]
    public void A_name_is_the_id_when_it_is_portable_else_the_flattened_id_and_a_hash_of_the_id(string id, string expected)
    {
        var name = MediaFileNames.Of(id);
        Assert.Equal(expected.EndsWith('-') ? expected + Hash(id) : expected, name);
    }

    [Fact]
    public void Ids_that_flatten_alike_or_differ_only_in_case_get_distinct_names()
    {
        string[] ids = ["show 1", "show_1", "é1", "è1", "Show_1", "SHOW_1", "x", "X", "_1-" + Hash("é1")];
        var names = MediaFileNames.Of(ids);
        Assert.Equal(ids.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("x-" + Hash("x"), names[6]); // "x" and "X" would share a file on a case-insensitive disk
        Assert.Equal(names, MediaFileNames.Of(ids)); // the same ids, the same names
    }

    [Fact]
    public void Srt_folder_export_writes_one_file_per_media_when_ids_flatten_alike()
    {
        var media = new[] { SampleAlignments.Episode("show 1"), SampleAlignments.Episode("show_1") with { Segments = [SampleAlignments.Episode().Segments[3]] } };
        var written = AlignmentFileWriter.Write(AlignmentFormat.Srt, _dir.File("out"), media, keepUnaligned: false);
        Assert.Equal(2, written.Distinct().Count());
        Assert.Equal([$"show_1-{Hash("show 1")}.srt", "show_1.srt"], Directory.GetFiles(_dir.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.NotEqual(File.ReadAllText(written[0]), File.ReadAllText(written[1]));
    }

    [Theory]
    [InlineData(CorpusFormat.Nemo)]
    [InlineData(CorpusFormat.Kaldi)]
    [InlineData(CorpusFormat.HuggingFace)]
    [InlineData(CorpusFormat.Lhotse)]
    public void Corpus_export_of_ids_that_flatten_alike_keeps_every_utterance_with_its_own_audio(CorpusFormat format)
    {
        var a = SampleAlignments.Episode("é1") with { AudioPath = "/media/a.wav" };
        var b = SampleAlignments.Episode("è1") with { AudioPath = "/media/b.wav" };
        var source = new FakeClipSource(16_000 * 20);
        var result = CorpusExporter.Export(format, _dir.File(format.ToString()), [a, b], source, new CorpusExportOptions(-3, 0));
        Assert.Equal(6, result.Utterances.Count);
        Assert.Equal(6, result.Utterances.Select(u => u.UtteranceId).Distinct().Count());
        Assert.All(result.Utterances, u => Assert.Equal(u.MediaId == "é1" ? "/media/a.wav" : "/media/b.wav", u.AudioPath));
        Assert.Equal(2, result.Utterances.Select(u => u.SpeakerId).Distinct().Count());
        if (format != CorpusFormat.Kaldi)
            Assert.Equal(6, Directory.GetFiles(Path.Combine(_dir.File(format.ToString()), CorpusExporter.ClipFolder)).Length);
        else
            Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir.File(format.ToString()), "wav.scp")).Length);
    }
}
