using System.Text;
using System.Xml.Linq;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>
/// TTML karaoke: timed spans per word inside each p. Checked against an evaluator written here (TTML's timing: a span's
/// times relative to its parent, active from begin until end) over every millisecond of the cue: each word is shown
/// exactly once at every moment, highlighted exactly while it is spoken; and the file reads back as the cue.
/// </summary>
public sealed class TtmlKaraokeTests
{
    private const string Srt = "1\n00:00:01,000 --> 00:00:03,000\n<i>Good</i> evening &amp; welcome,\n[MUSIC] and goodbye.\n\n"
        + "2\n00:00:04,000 --> 00:00:05,000\nNo words here\n";

    private static readonly (string Word, double Start, double End)[] Words =
        [("Good", 1.0, 1.5), ("evening", 1.5, 1.9), ("&", 1.9, 2.0), ("welcome,", 2.0, 2.2), ("and", 2.4, 2.5), ("goodbye.", 2.5, 3.0)];

    private static MediaAlignment Media()
    {
        var document = CaptionReader.Parse(Srt, "k.srt");
        return new MediaAlignment("m", "m.wav", 60,
        [
            new AlignedSegment(0, document.Lines[0].Text, document.Lines[0].Text.ToLowerInvariant(), 1.0, 3.0, -0.5, SegmentStatus.Aligned,
                Words.Select(w => new AlignedWord(w.Word, w.Start, w.End, 0.9)).ToList()),
            new AlignedSegment(1, document.Lines[1].Text, document.Lines[1].Text.ToLowerInvariant(), 4.0, 5.0, -0.5, SegmentStatus.Aligned, []),
        ])
        {
            CaptionsName = "k.srt", CaptionsText = Srt,
        };
    }

    private static string Write(SubtitleOptions options, TtmlFlavour flavour = TtmlFlavour.Imsc)
    {
        using var w = new StringWriter();
        TtmlWriter.Write(w, Media(), options with { Karaoke = true }, flavour);
        return w.ToString();
    }

    /// <summary>What a p shows at <paramref name="t"/> seconds after its begin: its text, the highlighted characters in upper case.</summary>
    private static string Shown(XElement p, double t, TtmlTiming timing)
    {
        var text = new StringBuilder();
        void Walk(XElement e, double begin, double? end, bool lit)
        {
            foreach (var node in e.Nodes())
            {
                if (node is XText x)
                    text.Append(lit ? x.Value.ToUpperInvariant() : x.Value);
                else if (node is XElement c && c.Name.LocalName == "br")
                    text.Append('|');
                else if (node is XElement s && s.Name.LocalName == "span")
                {
                    var b = begin + (s.Attribute("begin") is { } sb && timing.TryParse(sb.Value, out var bs) ? bs : 0);
                    var en = s.Attribute("end") is { } se && timing.TryParse(se.Value, out var es) ? begin + es : end;
                    if (t >= b && (en is not { } stop || t < stop))
                        Walk(s, b, en, lit || (s.Attribute("style")?.Value.Split(' ').Contains(TtmlCueDocumentWriter.KaraokeStyle) ?? false));
                }
            }
        }
        Walk(p, 0, null, false);
        return text.ToString();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(25.0)]
    [InlineData(29.97)]
    public void Every_moment_shows_each_word_once_and_only_the_word_being_spoken_highlighted(double? fps)
    {
        var options = SubtitleOptions.Default with { Fps = fps };
        var ttml = Write(options);
        var xml = XDocument.Parse(ttml, LoadOptions.PreserveWhitespace);
        var timing = TtmlReader.TimingOf(xml.Root!, "k.ttml");
        var p = xml.Descendants().First(e => e.Name.LocalName == "p");
        var begin = timing.TryParse(p.Attribute("begin")!.Value, out var b) ? b : double.NaN;
        var end = timing.TryParse(p.Attribute("end")!.Value, out var e) ? e : double.NaN;
        // a word time from the cue's start, on its frame (whole frames after the cue's first), as TTML writes it (HH:MM:SS:FF
        // counts clock seconds, so at 29.97 a frame label is not frames x 1001/30000)
        double Relative(double s) => options.ExactFps is { } f
            ? timing.TryParse(timing.Format((Math.Round(s * f, MidpointRounding.AwayFromZero) - Math.Round(1.0 * f, MidpointRounding.AwayFromZero)) / f,
                TtmlTimeStyle.ClockFrames), out var x) ? x : double.NaN
            : s - 1.0;
        // highlight intervals, from the p's begin: each word until the next one starts, the last until it ends (brute force
        // over the words; times on frames with --fps, as TTML counts them from the p's begin)
        string Expected(double t)
        {
            var shown = "Good evening & welcome,|[MUSIC] and goodbye.";
            var words = new[] { ("Good", 0), ("evening", 5), ("&", 13), ("welcome,", 15), ("and", 32), ("goodbye.", 36) };
            for (var i = 0; i < words.Length; i++)
            {
                var from = Relative(Words[i].Start);
                var until = Relative(i + 1 < words.Length ? Words[i + 1].Start : Words[i].End);
                if (t >= from && t < until)
                    shown = shown[..words[i].Item2] + words[i].Item1.ToUpperInvariant() + shown[(words[i].Item2 + words[i].Item1.Length)..];
            }
            return shown;
        }
        var unit = options.ExactFps is { } rate ? 1 / rate : 0.001;
        var mismatches = 0;
        for (var k = 0; (k + 1) / 1000.0 < end - begin - unit - 1e-9; k++)
        {
            // each millisecond, a quarter in (never on a frame or millisecond boundary at these rates); the last frame (or
            // millisecond) is the cue as written, so that a reader of the file sees its text once
            var t = (k + 0.25) / 1000;
            if (Shown(p, t, timing) != Expected(t))
                mismatches++;
        }
        Assert.Equal(0, mismatches);
        Assert.Equal("Good evening & welcome,|[MUSIC] and goodbye.", Shown(p, end - begin - 1e-6, timing));
    }

    [Fact]
    public void The_document_is_imsc1_text_with_a_karaoke_style_and_reads_back_as_the_cues()
    {
        var ttml = Write(SubtitleOptions.Default);
        Assert.Contains("ttp:profile=\"http://www.w3.org/ns/ttml/profile/imsc1/text\"", ttml);
        Assert.Contains("<style xml:id=\"karaoke\" tts:color=\"#ffff00\" />", ttml);
        // "Good" is spoken from the cue's start: highlighted (in italics) until "evening" starts, then plain
        Assert.Contains("<span begin=\"00:00:00.000\" end=\"00:00:00.500\" style=\"i karaoke\">Good</span><span begin=\"00:00:00.500\" style=\"i\">Good</span> "
            + "<span end=\"00:00:00.500\">evening</span><span begin=\"00:00:00.500\" end=\"00:00:00.900\" style=\"karaoke\">evening</span><span begin=\"00:00:00.900\">evening</span>", ttml);
        // the last word is highlighted until it ends, a millisecond before the cue does
        Assert.Contains("<span begin=\"00:00:01.500\" end=\"00:00:01.999\" style=\"karaoke\">goodbye.</span><span begin=\"00:00:01.999\">goodbye.</span></p>", ttml);
        Assert.Contains(">No words here</p>", ttml); // no word times: as it is

        var back = CaptionReader.Parse(ttml, "k.ttml");
        Assert.Equal(CaptionReader.Parse(Srt, "k.srt").Lines.Select(l => l.Text), back.Lines.Select(l => l.Text));
        using var plain = new StringWriter();
        TtmlWriter.Write(plain, Media(), SubtitleOptions.Default, TtmlFlavour.Imsc);
        Assert.Equal(CaptionReader.Parse(plain.ToString(), "plain.ttml").Cues.Select(c => c.TextLines), back.Cues.Select(c => c.TextLines)); // as without karaoke
        Assert.Equal("<i>Good</i> evening & welcome,", back.Cues[0].TextLines[0]);
        Assert.Equal([(1.0, 3.0), (4.0, 5.0)], back.Cues.Select(c => (c.Start!.Value, c.End!.Value)));
        Assert.Empty(back.Warnings);

        var dfxp = Write(SubtitleOptions.Default, TtmlFlavour.Dfxp);
        Assert.Contains("http://www.w3.org/2006/10/ttaf1", dfxp);
        Assert.Equal(back.Cues.Select(c => c.TextLines), CaptionReader.Parse(dfxp, "k.dfxp").Cues.Select(c => c.TextLines));
    }

    [Fact]
    public void A_ttml_span_shown_only_before_its_p_ends_is_not_read_and_one_ending_with_the_p_is()
    {
        const string document = """
            <tt xmlns="http://www.w3.org/ns/ttml"><body><div>
              <p begin="1s" end="3s"><span end="1s">gone</span><span begin="0s" end="2s">kept</span> <span begin="1.5s">late</span></p>
            </div></body></tt>
            """;
        Assert.Equal(["kept late"], CaptionReader.Parse(document, "s.ttml").Lines.Select(l => l.Text));
    }
}
