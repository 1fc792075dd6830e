using System.Text.Json;
using System.Text.RegularExpressions;
using CtcAlign.Review;

namespace CtcAlign.Tests.Review;

public sealed class ReviewPageTests
{
    /// <summary>The JSON block of a rendered page, as the page's script reads it.</summary>
    internal static JsonElement DataOf(string html)
    {
        var open = $"<script type=\"application/json\" id=\"{ReviewPage.DataElementId}\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(html[start..end]).RootElement.Clone();
    }

    [Fact]
    public void Hostile_caption_text_cannot_end_the_script_block_or_add_markup()
    {
        var html = ReviewPage.Render(ReviewSamples.Page(ReviewSamples.Episode()));

        // exactly the two script blocks close: the data and the script; the caption's "</script>" is escaped
        Assert.Equal(2, Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<!--", html);
        var data = DataOf(html);
        var lines = data.GetProperty("lines");
        Assert.Equal(ReviewSamples.HostileText, lines[4].GetProperty("text").GetString());
        Assert.Equal("</script> \"reason\"", lines[4].GetProperty("why").GetString());
        Assert.Equal("\"</script><img", lines[4].GetProperty("words")[2][0].GetString());
        Assert.Equal("Hello, \"world\" — café.", lines[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Media_id_with_markup_is_encoded_in_the_title()
    {
        var html = ReviewPage.Render(ReviewSamples.Page(ReviewSamples.Episode(id: "<b>news</b> & \"more\"")));

        Assert.Contains("<title>&lt;b&gt;news&lt;/b&gt; &amp; &quot;more&quot; · CtcAlign review</title>", html);
        Assert.Equal("<b>news</b> & \"more\"", DataOf(html).GetProperty("id").GetString());
    }

    [Fact]
    public void Data_holds_every_line_with_times_hints_words_and_worst_rank()
    {
        var data = DataOf(ReviewPage.Render(ReviewSamples.Page(ReviewSamples.Episode())));
        var lines = data.GetProperty("lines");

        Assert.Equal(5, lines.GetArrayLength());
        var first = lines[0];
        Assert.Equal(0.52, first.GetProperty("s").GetDouble());
        Assert.Equal(2.04, first.GetProperty("e").GetDouble());
        Assert.Equal(1.0, first.GetProperty("hs").GetDouble());
        Assert.Equal(-0.41, first.GetProperty("rho").GetDouble());
        Assert.Equal("aligned", first.GetProperty("st").GetString());
        Assert.Equal(4, first.GetProperty("words").GetArrayLength());
        Assert.Equal(0.93, first.GetProperty("words")[0][3].GetDouble());
        var unplaced = lines[2];
        Assert.False(unplaced.TryGetProperty("s", out _)); // not placed: no start, the page shows it at its caption times
        Assert.Equal(6.0, unplaced.GetProperty("hs").GetDouble());
        Assert.Equal("not_aligned", unplaced.GetProperty("st").GetString());
        // worst first: not aligned (2), then rho -2.75 (1), -1.6 (4), -0.9 (3), -0.41 (0)
        Assert.Equal([4, 1, 0, 3, 2], lines.EnumerateArray().Select(l => l.GetProperty("w").GetInt32()));
        Assert.Equal("kept 2 of 3 chunks", lines[1].GetProperty("note").GetString());
        Assert.Equal(0.25, lines[1].GetProperty("wer").GetDouble());
    }

    [Fact]
    public void Data_has_p_correct_for_the_lines_that_have_it()
    {
        var episode = ReviewSamples.Episode();
        episode = episode with { Segments = [episode.Segments[0] with { PCorrect = 0.934 }, .. episode.Segments.Skip(1)] };
        var lines = DataOf(ReviewPage.Render(ReviewSamples.Page(episode))).GetProperty("lines");
        Assert.Equal(0.934, lines[0].GetProperty("p").GetDouble());
        Assert.False(lines[1].TryGetProperty("p", out _));
    }

    [Fact]
    public void Data_carries_audio_waveform_and_histogram()
    {
        var page = ReviewSamples.Page(ReviewSamples.Episode());
        var data = DataOf(ReviewPage.Render(page));

        Assert.Equal("episode%201.wav", data.GetProperty("audio").GetProperty("src").GetString());
        Assert.Equal(100, data.GetProperty("waveform").GetProperty("pps").GetDouble());
        Assert.Equal(page.Waveform!.Peaks, Convert.FromBase64String(data.GetProperty("waveform").GetProperty("peaks").GetString()!));
        var histogram = data.GetProperty("histogram").EnumerateArray().Select(b => (b[0].GetString(), b[1].GetInt32())).ToList();
        Assert.Equal([(">= -1", 2), ("[-2, -1)", 1), ("[-3, -2)", 1), ("[-5, -3)", 0), ("[-10, -5)", 0), ("< -10", 0), ("not aligned", 1)], histogram);
        Assert.Equal("index.html", data.GetProperty("index").GetString());
    }

    [Fact]
    public void Page_without_audio_or_waveform_says_so_in_its_data()
    {
        var page = ReviewSamples.Page(ReviewSamples.Episode(), audioSource: null) with { Waveform = null, AudioNote = "not found" };
        var data = DataOf(ReviewPage.Render(page));

        Assert.False(data.GetProperty("audio").TryGetProperty("src", out _));
        Assert.Equal("not found", data.GetProperty("audio").GetProperty("note").GetString());
        Assert.False(data.TryGetProperty("waveform", out _));
    }

    [Fact]
    public void Page_is_self_contained_and_fetches_nothing_from_the_network()
    {
        var html = ReviewPage.Render(ReviewSamples.Page(ReviewSamples.Episode()));

        Assert.DoesNotMatch(new Regex("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<(script|link|img|iframe)[^>]+(src|href)=", RegexOptions.IgnoreCase), html);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.Contains(ReviewAssets.Script, html);
        Assert.Contains(ReviewAssets.Style, html);
    }

    [Fact]
    public void Index_lists_each_media_with_counts_and_an_encoded_link()
    {
        var html = ReviewIndexPage.Render(
        [
            new ReviewIndexEntry("episode 1", "episode_1.html", "/media/episode 1.wav", 3725, 5, 3, 1, 1, "default", "2026-12-03"),
            new ReviewIndexEntry("<i>x</i>", "_i_x__i_.html", "/media/x.wav", 10, 2, 2, 0, 0, "m.onnx", "2026-12-04"),
        ], "archive.db");

        Assert.Contains("<title>archive.db · CtcAlign review</title>", html);
        Assert.Contains("archive.db: 2 media files, 7 lines", html);
        Assert.Contains("<tr data-media=\"episode 1\"><td><a href=\"episode_1.html\">episode 1</a></td><td class=\"num\">1:02:05</td>"
            + "<td class=\"num\">5</td><td class=\"num st-aligned\">3</td><td class=\"num st-low_confidence\">1</td><td class=\"num st-not_aligned\">1</td>", html);
        Assert.Contains("<a href=\"_i_x__i_.html\">&lt;i&gt;x&lt;/i&gt;</a>", html);
        Assert.DoesNotContain("<i>x", html);
        Assert.DoesNotContain("<script", html);
    }
}
