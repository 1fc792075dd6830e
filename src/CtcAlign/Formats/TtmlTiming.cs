using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// The timing parameters of a TTML document (<c>ttp:frameRate</c>, <c>ttp:frameRateMultiplier</c>, <c>ttp:subFrameRate</c>,
/// <c>ttp:tickRate</c>, <c>ttp:timeBase</c>, <c>ttp:dropMode</c>) and its time expressions: clock time
/// (<c>HH:MM:SS.fff</c>, <c>HH:MM:SS:FF[.ff]</c>) and offset time (<c>12.3s</c>, <c>1500ms</c>, <c>30f</c>, <c>100t</c>, <c>1.5m</c>, <c>2h</c>),
/// to seconds and back. <see cref="NominalFrameRate"/> counts the frames field (30 for 29.97); <see cref="FrameRate"/> is
/// the effective rate (nominal times the multiplier). With <c>ttp:timeBase="smpte"</c> a clock time is a frame label
/// (with <c>ttp:dropMode="dropNTSC"</c>, SMPTE drop-frame: frames 0 and 1 (0-3 at 60) skipped each minute but every tenth);
/// with the default media time base the hours, minutes and seconds are real seconds and frames divide the second.
/// </summary>
public sealed partial record TtmlTiming(int NominalFrameRate, double FrameRate, int SubFrameRate, double TickRate, bool Smpte, bool DropFrame)
{
    /// <summary>The parameters of a document that gives none: 30 frames a second, 1 tick a second, media time base.</summary>
    public static TtmlTiming Default { get; } = new(30, 30, 1, 1, false, false);

    [GeneratedRegex(@"^(\d{1,}):(\d{2}):(\d{2})(?:(\.\d+)|:(\d{2,})(?:\.(\d+))?)?$")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")]
    private static partial Regex OffsetTime();

    /// <summary>
    /// The parameters from the root's attribute values (null where absent); a value that is not a number, or a
    /// multiplier that is not "N D", is a <see cref="CaptionFormatException"/> naming it.
    /// </summary>
    public static TtmlTiming FromAttributes(string source, string? frameRate, string? multiplier, string? subFrameRate, string? tickRate,
        string? timeBase, string? dropMode)
    {
        var nominal = frameRate is null ? 30 : PositiveInt(frameRate, "ttp:frameRate");
        var effective = (double)nominal;
        if (multiplier is not null)
        {
            var parts = multiplier.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw new CaptionFormatException($"{source}: ttp:frameRateMultiplier '{multiplier}' is not two numbers 'N D' (such as '1000 1001')");
            effective = nominal * (double)PositiveInt(parts[0], "ttp:frameRateMultiplier") / PositiveInt(parts[1], "ttp:frameRateMultiplier");
        }
        var sub = subFrameRate is null ? 1 : PositiveInt(subFrameRate, "ttp:subFrameRate");
        var ticks = tickRate is not null ? PositiveInt(tickRate, "ttp:tickRate") : frameRate is not null ? effective * sub : 1;
        var smpte = timeBase?.Trim() == "smpte";
        var drop = smpte && dropMode?.Trim() == "dropNTSC" && nominal is 30 or 60;
        return new TtmlTiming(nominal, effective, sub, ticks, smpte, drop);

        int PositiveInt(string text, string name) =>
            int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new CaptionFormatException($"{source}: {name} '{text}' is not a positive whole number");
    }

    /// <summary>The style of one time expression; null when it is not one.</summary>
    public static TtmlTimeStyle? StyleOf(string expression)
    {
        var text = expression.Trim();
        if (ClockTime().Match(text) is { Success: true } c)
            return c.Groups[5].Success ? TtmlTimeStyle.ClockFrames : TtmlTimeStyle.ClockFraction;
        if (OffsetTime().Match(text) is not { Success: true } o)
            return null;
        return o.Groups[2].Value switch
        {
            "ms" => TtmlTimeStyle.OffsetMilliseconds,
            "f" => TtmlTimeStyle.OffsetFrames,
            "t" => TtmlTimeStyle.OffsetTicks,
            _ => TtmlTimeStyle.OffsetSeconds,
        };
    }

    /// <summary>Seconds of a time expression; false when it is not one (or its minutes, seconds or frames are out of range).</summary>
    public bool TryParse(string expression, out double seconds)
    {
        seconds = 0;
        var text = expression.Trim();
        if (OffsetTime().Match(text) is { Success: true } o)
        {
            var count = double.Parse(o.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds = o.Groups[2].Value switch
            {
                "h" => count * 3600,
                "m" => count * 60,
                "s" => count,
                "ms" => count / 1000,
                "f" => count / FrameRate,
                _ => count / TickRate,
            };
            return double.IsFinite(seconds);
        }
        var m = ClockTime().Match(text);
        if (!m.Success)
            return false;
        if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
            return false;
        var minutes = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var secs = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (minutes > 59 || secs > 59 || hours > 99_999)
            return false;
        if (m.Groups[4].Success)
        {
            seconds = hours * 3600 + minutes * 60 + secs + double.Parse("0" + m.Groups[4].Value, CultureInfo.InvariantCulture);
            return true;
        }
        var frames = 0;
        if (m.Groups[5].Success && !int.TryParse(m.Groups[5].Value, NumberStyles.None, CultureInfo.InvariantCulture, out frames))
            return false;
        var subFrames = m.Groups[6].Success ? double.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : 0;
        if (frames >= NominalFrameRate || subFrames >= SubFrameRate)
            return false;
        if (!Smpte)
        {
            seconds = hours * 3600 + minutes * 60 + secs + (frames + subFrames / SubFrameRate) / FrameRate;
            return true;
        }
        if (DropFrame && secs == 0 && minutes % 10 != 0 && frames < DroppedPerMinute)
            return false; // a label drop-frame counting never shows
        seconds = (FrameOfLabel(hours, minutes, secs, frames) + subFrames / SubFrameRate) / FrameRate;
        return true;
    }

    /// <summary>Frames dropped from the count each minute (but every tenth) in drop-frame: 2 at 30, 4 at 60.</summary>
    private int DroppedPerMinute => NominalFrameRate / 15;

    /// <summary>The frame count of a clock label on the SMPTE time base (drop-frame labels skip the dropped numbers).</summary>
    internal long FrameOfLabel(long hours, int minutes, int secs, int frames)
    {
        var count = (hours * 3600 + minutes * 60 + secs) * NominalFrameRate + frames;
        if (!DropFrame)
            return count;
        var totalMinutes = hours * 60 + minutes;
        return count - DroppedPerMinute * (totalMinutes - totalMinutes / 10);
    }

    /// <summary>The clock label (hours, minutes, seconds, frames) of a frame count on the SMPTE time base.</summary>
    internal (long Hours, int Minutes, int Seconds, int Frames) LabelOfFrame(long frame)
    {
        var count = frame;
        if (DropFrame)
        {
            var d = DroppedPerMinute;
            var perMinute = NominalFrameRate * 60 - d;
            var perTenMinutes = perMinute * 10 + d;
            var tens = frame / perTenMinutes;
            var rest = frame % perTenMinutes;
            count = frame + d * 9 * tens + (rest > d ? d * ((rest - d) / perMinute) : 0);
        }
        var f = (int)(count % NominalFrameRate);
        var totalSeconds = count / NominalFrameRate;
        return (totalSeconds / 3600, (int)(totalSeconds / 60 % 60), (int)(totalSeconds % 60), f);
    }

    /// <summary>Seconds as a time expression of <paramref name="style"/> (rounded to its resolution: ms, frames, ticks).</summary>
    public string Format(double seconds, TtmlTimeStyle style)
    {
        seconds = Math.Max(0, seconds);
        var inv = CultureInfo.InvariantCulture;
        switch (style)
        {
            case TtmlTimeStyle.OffsetSeconds:
                return (Math.Round(seconds * 1000, MidpointRounding.AwayFromZero) / 1000).ToString("0.0##", inv) + "s";
            case TtmlTimeStyle.OffsetMilliseconds:
                return ((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero)).ToString(inv) + "ms";
            case TtmlTimeStyle.OffsetFrames:
                return ((long)Math.Round(seconds * FrameRate, MidpointRounding.AwayFromZero)).ToString(inv) + "f";
            case TtmlTimeStyle.OffsetTicks:
                return ((long)Math.Round(seconds * TickRate, MidpointRounding.AwayFromZero)).ToString(inv) + "t";
            case TtmlTimeStyle.ClockFrames when Smpte:
            {
                var (h, m, s, f) = LabelOfFrame((long)Math.Round(seconds * FrameRate, MidpointRounding.AwayFromZero));
                return string.Create(inv, $"{h:00}:{m:00}:{s:00}:{f:00}");
            }
            case TtmlTimeStyle.ClockFrames:
            {
                // Frames divide each second: the nearest of this second's frames and the next second's start.
                var whole = (long)Math.Floor(seconds);
                var f = Math.Min((long)Math.Round((seconds - whole) * FrameRate, MidpointRounding.AwayFromZero), NominalFrameRate - 1);
                if (whole + 1 - seconds < seconds - (whole + f / FrameRate))
                    (whole, f) = (whole + 1, 0);
                return string.Create(inv, $"{whole / 3600:00}:{whole / 60 % 60:00}:{whole % 60:00}:{f:00}");
            }
            default:
            {
                var ms = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
                return string.Create(inv, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
            }
        }
    }
}
