using System.Globalization;
using System.Net;
using System.Text;

namespace CtcAlign.Review;

/// <summary>The review folder's index.html: one row per media with its counts and a link to its page (static, no script).</summary>
public static class ReviewIndexPage
{
    public static string Render(IReadOnlyList<ReviewIndexEntry> entries, string databaseName)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ReviewAssets.ContentSecurityPolicy).Append("\">\n")
          .Append("<meta name=\"generator\" content=\"ctcalign review\">\n")
          .Append("<title>").Append(H(databaseName)).Append(" · CtcAlign review").Append("</title>\n<style>\n").Append(ReviewAssets.Style).Append("</style>\n</head>\n")
          .Append("<body class=\"index\">\n<header><h1>CtcAlign review</h1><p class=\"sub\">").Append(H(databaseName))
          .Append(": ").Append(N(entries.Count)).Append(entries.Count == 1 ? " media file" : " media files").Append(", ")
          .Append(N(entries.Sum(e => e.Lines))).Append(" lines</p></header>\n<main>\n<table id=\"media\">\n<thead><tr>")
          .Append("<th>media</th><th class=\"num\">duration</th><th class=\"num\">lines</th><th class=\"num\">aligned</th>")
          .Append("<th class=\"num\">low confidence</th><th class=\"num\">not aligned</th><th>audio</th><th>model</th><th>aligned at</th></tr></thead>\n<tbody>\n");
        foreach (var e in entries)
        {
            sb.Append("<tr data-media=\"").Append(H(e.Id)).Append("\"><td><a href=\"").Append(H(e.PageHref)).Append("\">").Append(H(e.Id)).Append("</a></td>")
              .Append("<td class=\"num\">").Append(ReviewPage.Duration(e.DurationSeconds)).Append("</td>")
              .Append("<td class=\"num\">").Append(N(e.Lines)).Append("</td>")
              .Append("<td class=\"num st-aligned\">").Append(N(e.Aligned)).Append("</td>")
              .Append("<td class=\"num st-low_confidence\">").Append(N(e.LowConfidence)).Append("</td>")
              .Append("<td class=\"num st-not_aligned\">").Append(N(e.NotAligned)).Append("</td>")
              .Append("<td class=\"path\">").Append(H(e.AudioPath)).Append("</td>")
              .Append("<td class=\"path\">").Append(H(e.Model)).Append("</td>")
              .Append("<td>").Append(H(e.AlignedUtc)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
