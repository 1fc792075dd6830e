using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>Caption clock times: parses "HH:MM:SS,mmm" / "MM:SS.mmm" and cue timing lines; formats SRT and WebVTT times.</summary>
public static partial class CaptionTimestamp
{
    [GeneratedRegex(@"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]?\d)(?:[,.:](\d{1,3}))?$")]
    private static partial Regex ClockPattern();

    /// <summary>Parses one clock time to seconds; false when it is not one.</summary>
    public static bool TryParse(string text, out double seconds)
    {
        seconds = 0;
        var m = ClockPattern().Match(text.Trim());
        if (!m.Success)
            return false;
        var hours = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var secs = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        var fraction = 0.0;
        if (m.Groups[4].Success)
        {
            var digits = m.Groups[4].Value;
            fraction = int.Parse(digits, CultureInfo.InvariantCulture) / Math.Pow(10, digits.Length);
        }
        seconds = hours * 3600.0 + minutes * 60.0 + secs + fraction;
        return true;
    }

    /// <summary>
    /// Reads a cue timing line "start --> end [settings]". Returns null when both times are clock times in
    /// order; otherwise says what is wrong ("malformed times", "ends before it starts") and leaves the times
    /// null, as caption times are only hints. <paramref name="settings"/> is whatever follows the end time.
    /// </summary>
    public static string? ParseTiming(string line, out double? start, out double? end, out string settings)
    {
        start = end = null;
        settings = "";
        var trimmed = line.Trim();
        var arrow = trimmed.IndexOf("-->", StringComparison.Ordinal);
        if (arrow < 0)
            return "malformed times (no '-->')";
        var left = trimmed[..arrow].Trim();
        var rightPart = trimmed[(arrow + 3)..].Trim();
        var space = rightPart.IndexOfAny([' ', '\t']);
        var right = space < 0 ? rightPart : rightPart[..space];
        settings = space < 0 ? "" : rightPart[(space + 1)..].Trim();
        if (!TryParse(left, out var s) || !TryParse(right, out var e))
            return "malformed times";
        if (e < s)
            return "ends before it starts";
        start = s;
        end = e;
        return null;
    }

    /// <summary>SRT time "HH:MM:SS,mmm".</summary>
    public static string FormatSrt(double seconds) => Format(seconds, ',');

    /// <summary>WebVTT time "HH:MM:SS.mmm".</summary>
    public static string FormatVtt(double seconds) => Format(seconds, '.');

    private static string Format(double seconds, char separator)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        var h = ms / 3_600_000;
        var m = ms / 60_000 % 60;
        var s = ms / 1000 % 60;
        var f = ms % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}:{s:00}{separator}{f:000}");
    }
}
