using CtcAlign.Storage;

namespace CtcAlign.Tests.Cli;

/// <summary>Two media files with the same id (news.wav, then another folder's news.wav or news.ts) never replace each other silently.</summary>
public sealed class MediaIdCollisionTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_second_file_under_a_stored_id_is_refused_and_the_stored_one_kept_unless_forced()
    {
        var (wav, srt) = _cli.Media("news", 2, "Good evening.", "Here is the news.");
        Directory.CreateDirectory(_cli.Dir.File("other"));
        var other = TestAudio.WriteWav(_cli.Dir.File("other/news.wav"), TestAudio.Ramp(3 * 16_000));
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));

        Assert.Equal(2, await _cli.RunAsync("align", other, "--captions", srt, "--db", _cli.Db));
        Assert.Contains($"id 'news' is already stored from {wav}, a different file: kept it, {Path.GetFullPath(other)} not aligned", _cli.Err);
        using (var store = SegmentStore.Open(_cli.Db, readOnly: true))
            Assert.Equal(wav, store.ListMedia("news").Single().Path);

        Assert.Equal(0, await _cli.RunAsync("align", other, "--captions", srt, "--db", _cli.Db, "--id", "news-other"));
        Assert.Equal(0, await _cli.RunAsync("align", other, "--captions", srt, "--db", _cli.Db, "--force"));
        Assert.Contains($"warning: id 'news' was stored from {wav}; --force replaces it with {Path.GetFullPath(other)}", _cli.Err);
        using (var store = SegmentStore.Open(_cli.Db, readOnly: true))
            Assert.Equal([("news", Path.GetFullPath(other)), ("news-other", Path.GetFullPath(other))], store.ListMedia().Select(m => (m.Id, m.Path)));
    }

    [Fact]
    public async Task The_same_file_moved_elsewhere_is_still_the_same_media()
    {
        var (wav, srt) = _cli.Media("news", 2, "Good evening.", "Here is the news.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));
        Directory.CreateDirectory(_cli.Dir.File("moved"));
        var moved = _cli.Dir.File("moved/news.wav");
        File.Copy(wav, moved);
        Assert.Equal(0, await _cli.RunAsync("align", moved, "--captions", srt, "--db", _cli.Db));
        Assert.StartsWith("1 file(s): 0 aligned, 1 skipped", _cli.Out);
    }
}
