using System.Text.Json;
using CtcAlign.Cli;
using CtcAlign.Tests.Review;

namespace CtcAlign.Tests.Cli;

public sealed class ReviewCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private string OutDir => _cli.Dir.File("review out");

    private async Task<string> AlignTwoAsync()
    {
        var (wav, srt) = _cli.Media("news #1", 5, "Good evening.", "Here is the news.", "UNSPOKEN intro line", "The weather is fine.", "Goodbye now.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db, "--id", "news"));
        var (wav2, srt2) = _cli.Media("weather", 2, "Sunny today.", "Rain tomorrow.");
        Assert.Equal(0, await _cli.RunAsync("align", wav2, "--captions", srt2, "--db", _cli.Db));
        return wav;
    }

    private JsonElement PageData(string page) => ReviewPageTests.DataOf(File.ReadAllText(Path.Combine(OutDir, page)));

    [Fact]
    public async Task Align_prints_the_review_command_next_to_inspect_and_export()
    {
        var (wav, srt) = _cli.Media("news", 2, "Hello.", "Bye.");
        Assert.Equal(0, await _cli.RunAsync("align", wav, "--captions", srt, "--db", _cli.Db));

        Assert.Contains($"`ctcalign inspect --db {_cli.Db}`", _cli.Out);
        Assert.Contains($"see and hear them in a browser: `ctcalign review --db {_cli.Db} --out review`, then open review/index.html", _cli.Out);
    }

    [Fact]
    public async Task Review_writes_a_page_per_media_and_an_index_linking_them()
    {
        var wav = await AlignTwoAsync();

        Assert.Equal(0, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir));

        Assert.Equal(["index.html", "news.html", "weather.html"], Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
        var index = File.ReadAllText(Path.Combine(OutDir, "index.html"));
        Assert.Contains("<a href=\"news.html\">news</a>", index);
        Assert.Contains("<a href=\"weather.html\">weather</a>", index);
        Assert.Contains("ctcalign.db: 2 media files, 7 lines", index);
        var news = PageData("news.html");
        Assert.Equal(5, news.GetProperty("lines").GetArrayLength());
        Assert.Equal("news", news.GetProperty("id").GetString());
        Assert.Equal(100, news.GetProperty("waveform").GetProperty("pps").GetDouble());
        Assert.Equal(500, Convert.FromBase64String(news.GetProperty("waveform").GetProperty("peaks").GetString()!).Length); // 5 s at 100 a second
        // the audio is the original file, linked relative to the page: '#' and the space are escaped
        var src = news.GetProperty("audio").GetProperty("src").GetString()!;
        Assert.Equal("../news%20%231.wav", src);
        Assert.Equal(Path.GetFullPath(wav), Path.GetFullPath(Path.Combine(OutDir, Uri.UnescapeDataString(src))));
        Assert.Contains($"open {new Uri(Path.Combine(OutDir, "index.html")).AbsoluteUri} in a browser", _cli.Out);
        Assert.Equal("", _cli.Err);
    }

    [Fact]
    public async Task Review_of_one_media_with_a_compact_audio_copy()
    {
        await AlignTwoAsync();

        Assert.Equal(0, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir, "--media", "weather", "--copy-audio"));

        Assert.Equal(["index.html", "weather.html"], Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
        var copy = Path.Combine(OutDir, "audio", "weather.ogg");
        Assert.True(new FileInfo(copy).Length > 1000);
        Assert.Equal("OggS", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(copy)[..4]));
        Assert.Equal("audio/weather.ogg", PageData("weather.html").GetProperty("audio").GetProperty("src").GetString());
        using var decoded = CtcAlign.Audio.MediaDecoder.Open(copy, 16_000);
        var buffer = new float[64_000];
        var n = 0;
        int read;
        while ((read = decoded.Read(buffer, 0, buffer.Length)) > 0)
            n += read;
        Assert.InRange(n / 16_000.0, 1.95, 2.05); // the copy is as long as the media
    }

    [Fact]
    public async Task Embedded_audio_is_a_data_uri_in_the_page()
    {
        await AlignTwoAsync();

        Assert.Equal(0, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir, "--media", "weather", "--embed-audio"));

        var src = PageData("weather.html").GetProperty("audio").GetProperty("src").GetString()!;
        Assert.StartsWith("data:audio/ogg;base64,T2dnUw", src); // "OggS"
        Assert.False(Directory.Exists(Path.Combine(OutDir, "audio")));
    }

    [Fact]
    public async Task Missing_audio_still_gets_a_page_without_waveform_and_a_warning()
    {
        var wav = await AlignTwoAsync();
        File.Delete(wav);

        Assert.Equal(0, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir));

        Assert.Equal($"ctcalign: warning: news: audio file {wav} not found: its page has no waveform and no sound\n", _cli.Err);
        var news = PageData("news.html");
        Assert.False(news.TryGetProperty("waveform", out _));
        Assert.False(news.GetProperty("audio").TryGetProperty("src", out _));
        Assert.True(PageData("weather.html").TryGetProperty("waveform", out _));
    }

    [Fact]
    public async Task Review_errors_are_one_line_with_exit_codes()
    {
        var missing = _cli.Dir.File("none.db");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("review", "--db", missing, "--out", OutDir));
        Assert.Equal($"ctcalign: {missing}: no database there (align something into it first)\n", _cli.Err);
        Assert.False(Directory.Exists(OutDir));

        await AlignTwoAsync();
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir, "--media", "nope"));
        Assert.Equal($"ctcalign: {_cli.Db}: no media with id 'nope'\n", _cli.Err);
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("review", "--db", _cli.Db, "--out", OutDir, "--copy-audio", "--embed-audio"));
        Assert.Equal("ctcalign: give --copy-audio or --embed-audio, not both\n", _cli.Err);
        var file = _cli.Dir.Write("a-file", "x");
        Assert.Equal(ExitCodes.InputError, await _cli.RunAsync("review", "--db", _cli.Db, "--out", file));
        Assert.Equal($"ctcalign: --out {file}: is a file, not a folder\n", _cli.Err);
        Assert.Equal(ExitCodes.Usage, await _cli.RunAsync("review", "--db", _cli.Db));
        Assert.Contains("Required option 'out' is missing.", _cli.Err);
    }

    [Fact]
    public async Task Help_says_how_the_audio_is_referenced()
    {
        Assert.Equal(0, await _cli.RunAsync("review", "--help"));

        Assert.Contains("--copy-audio", _cli.Out);
        Assert.Contains("relative path", _cli.Out);
        Assert.Contains("--embed-audio", _cli.Out);
    }
}
