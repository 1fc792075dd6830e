using CtcAlign.Cli;

namespace CtcAlign.Tests.Cli;

/// <summary>A corpus export never mixes with what its folder holds: a non-empty folder needs --overwrite, which removes only an earlier export.</summary>
public sealed class CorpusOverwriteTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task AlignAsync()
    {
        var (wav, srt) = _cli.Media("news", 5, "One.", "Two.", "Three.", "Four.", "Five.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
    }

    private Task<int> Export(string format, string outDir, params string[] more) =>
        _cli.RunAsync(["export", "--db", _cli.Db, "--format", format, "--out", outDir, "--min-confidence", "-5", .. more]);

    [Theory]
    [InlineData("nemo")]
    [InlineData("kaldi")]
    [InlineData("hf")]
    [InlineData("lhotse")]
    public async Task A_second_export_into_the_folder_is_refused_without_overwrite_and_replaces_the_first_with_it(string format)
    {
        await AlignAsync();
        var corpus = _cli.Dir.File("corpus");
        string[] clips = format == "kaldi" ? ["--clips"] : [];
        Assert.Equal(0, await Export(format, corpus, clips));
        var first = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories).Order().ToList();
        Assert.Contains(first, f => f.EndsWith(".wav"));

        Assert.Equal(ExitCodes.InputError, await Export(format, corpus, ["--media", "news", .. clips]));
        Assert.Contains($"--out {corpus} is not empty", _cli.Err);
        Assert.Equal(first, Directory.GetFiles(corpus, "*", SearchOption.AllDirectories).Order().ToList());

        // Fewer clips the second time: none of the first export's stays behind.
        File.WriteAllText(Path.Combine(corpus, "clips", "stale-00009.wav"), "an old clip");
        Assert.Equal(0, await Export(format, corpus, ["--overwrite", "--max-duration", "0.5", .. clips]));
        Assert.Contains("--overwrite: removed ", _cli.Err);
        Assert.False(File.Exists(Path.Combine(corpus, "clips", "stale-00009.wav")));
        Assert.Empty(Directory.GetFiles(Path.Combine(corpus, "clips")));
    }

    [Fact]
    public async Task Overwrite_refuses_a_folder_with_files_no_export_writes_and_deletes_nothing()
    {
        await AlignAsync();
        var home = _cli.Dir.File("home");
        Directory.CreateDirectory(Path.Combine(home, "clips"));
        File.WriteAllText(Path.Combine(home, "text"), "mine");
        File.WriteAllText(Path.Combine(home, "notes.txt"), "mine too");
        Assert.Equal(ExitCodes.InputError, await Export("nemo", home, "--overwrite"));
        Assert.Contains($"--out {home} holds notes.txt, which no corpus export writes: not overwritten", _cli.Err);
        Assert.True(File.Exists(Path.Combine(home, "text")));

        var empty = _cli.Dir.File("empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(0, await Export("nemo", empty));
    }
}
