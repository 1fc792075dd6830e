using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Review;

/// <summary>
/// The review page of one media file as one self-contained HTML text: styles and script inline, the alignment
/// and waveform as a JSON block, nothing fetched but the audio. Caption text reaches the page only inside that
/// JSON, with &lt;, &gt;, &amp; and quotes escaped as \uXXXX, and the script writes it as text, never as markup,
/// so no caption can end the script block or inject HTML.
/// </summary>
public static class ReviewPage
{
    /// <summary>The id of the script element holding the page's JSON.</summary>
    public const string DataElementId = "review-data";

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string Render(ReviewPageData data)
    {
        var title = WebUtility.HtmlEncode(data.Alignment.Id) + " · CtcAlign review";
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ReviewAssets.ContentSecurityPolicy).Append("\">\n")
          .Append("<meta name=\"generator\" content=\"ctcalign review\">\n")
          .Append("<title>").Append(title).Append("</title>\n<style>\n").Append(ReviewAssets.Style).Append("</style>\n</head>\n<body>\n")
          .Append(ReviewAssets.PageBody)
          .Append("<script type=\"application/json\" id=\"").Append(DataElementId).Append("\">").Append(DataJson(data)).Append("</script>\n")
          .Append("<script>\n").Append(ReviewAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The page's data: media facts, audio, waveform, histogram and every line with its words (times in seconds, 3 decimals).</summary>
    public static string DataJson(ReviewPageData data)
    {
        var a = data.Alignment;
        var ranks = ReviewLineOrder.WorstFirstRanks(a.Segments);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("path", a.AudioPath);
            w.WriteNumber("duration", Round(a.DurationSeconds));
            w.WriteString("model", data.Model);
            w.WriteString("aligned", data.AlignedUtc);
            w.WriteString("index", data.IndexHref);
            w.WriteStartObject("audio");
            if (data.AudioSource is { } src)
                w.WriteString("src", src);
            w.WriteString("note", data.AudioNote);
            w.WriteEndObject();
            if (data.Waveform is { } wave)
            {
                w.WriteStartObject("waveform");
                w.WriteNumber("pps", wave.PeaksPerSecond);
                w.WriteString("peaks", Convert.ToBase64String(wave.Peaks));
                w.WriteEndObject();
            }
            w.WriteStartArray("histogram");
            foreach (var (label, count) in ConfidenceHistogram.Count(a.Segments))
            {
                w.WriteStartArray();
                w.WriteStringValue(label);
                w.WriteNumberValue(count);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("lines");
            for (var i = 0; i < a.Segments.Count; i++)
                WriteLine(w, a.Segments[i], ranks[i]);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteLine(Utf8JsonWriter w, AlignedSegment s, int rank)
    {
        w.WriteStartObject();
        w.WriteNumber("i", s.Index);
        w.WriteString("text", s.Text);
        WriteOptional(w, "s", s.Start);
        WriteOptional(w, "e", s.End);
        WriteOptional(w, "hs", s.HintStart);
        WriteOptional(w, "he", s.HintEnd);
        if (double.IsFinite(s.Rho))
            w.WriteNumber("rho", Round(s.Rho));
        WriteOptional(w, "p", s.PCorrect);
        w.WriteString("st", StatusNames.ToName(s.Status));
        if (s.StatusReason is { } why)
            w.WriteString("why", why);
        if (s.RerankNote is { } note)
            w.WriteString("note", note);
        WriteOptional(w, "wer", s.CaptionWer);
        w.WriteNumber("w", rank);
        if (s.Words.Count > 0)
        {
            w.WriteStartArray("words");
            foreach (var word in s.Words)
            {
                w.WriteStartArray();
                w.WriteStringValue(word.Word);
                w.WriteNumberValue(Round(word.Start));
                w.WriteNumberValue(Round(word.End));
                w.WriteNumberValue(Round(word.Confidence));
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            w.WriteNumber(name, Round(v));
    }

    private static double Round(double seconds) => Math.Round(seconds, 3, MidpointRounding.AwayFromZero);

    /// <summary>Seconds as h:mm:ss (for the index page).</summary>
    internal static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + t.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
