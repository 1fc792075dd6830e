using System.Globalization;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Cli.Verbs;

/// <summary>The per-line table the align command prints after aligning one short media file.</summary>
internal static class AlignedLinesTable
{
    /// <summary>Most lines printed one by one after a run (a single short file); longer runs get the summary only.</summary>
    private const int MaxLinesShown = 60;

    /// <summary>For one short media file: each caption line with its times, rho, p_correct (when calibrated), caption WER and status (and why).</summary>
    public static void Write(CliConsole console, IReadOnlyList<MediaAlignment> finished)
    {
        if (finished.Count != 1 || finished[0].Segments.Count > MaxLinesShown)
            return;
        var o = console.Out;
        var calibrated = finished[0].Segments.Any(s => s.PCorrect is not null);
        o.WriteLine(calibrated
            ? "  line  start      end         rho     p   wer  status          text"
            : "  line  start      end         rho   wer  status          text");
        foreach (var s in finished[0].Segments)
        {
            var text = s.Text.ReplaceLineEndings(" ");
            if (text.Length > 48)
                text = text[..47] + "…";
            var wer = s.CaptionWer is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            var rho = double.IsFinite(s.Rho) ? s.Rho.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            var reason = s.StatusReason is { } r ? $"  ({r})" : "";
            var p = calibrated ? "  " + (s.PCorrect is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-").PadLeft(4) : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Index,4}  {Seconds(s.Start),9}  {Seconds(s.End),9}  {rho,6}{p}  {wer,4}  {StatusNames.ToName(s.Status),-14}  {text}{reason}"));
        }
    }

    private static string Seconds(double? seconds) => seconds is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";
}
