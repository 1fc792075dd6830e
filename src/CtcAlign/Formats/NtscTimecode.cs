using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// SMPTE timecode at 29.97 frames per second (30000/1001), as SCC files use it: drop-frame "HH:MM:SS;FF" (frame labels
/// 00 and 01 skipped at the start of every minute except each tenth, so the labels keep up with the clock) and non-drop
/// "HH:MM:SS:FF" (30 labels a second, running 0.1% slow). A frame number counts frames from 00:00:00;00; a frame
/// starts at frame * 1001 / 30000 seconds. Pure functions.
/// </summary>
public static partial class NtscTimecode
{
    public const double FramesPerSecond = 30000.0 / 1001;

    private const int FramesPerMinuteDropped = 30 * 60 - 2; // 1798
    private const int FramesPerTenMinutesDropped = 10 * 30 * 60 - 9 * 2; // 17982

    [GeneratedRegex(@"^(\d{2}):(\d{2}):(\d{2})([:;.,])(\d{2})$")]
    private static partial Regex Pattern();

    public static double Seconds(long frame) => frame * 1001 / 30000.0;

    /// <summary>The frame that shows at <paramref name="seconds"/> (rounded to the nearest frame start).</summary>
    public static long FrameAt(double seconds) => (long)Math.Round(Math.Max(0, seconds) * FramesPerSecond, MidpointRounding.AwayFromZero);

    /// <summary>The timecode label of a frame, drop-frame with ';' before the frames, else non-drop with ':'.</summary>
    public static string Format(long frame, bool dropFrame)
    {
        if (frame < 0)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, "frame numbers start at 0");
        var label = frame;
        if (dropFrame)
        {
            var tens = frame / FramesPerTenMinutesDropped;
            var rest = frame % FramesPerTenMinutesDropped;
            label += 18 * tens + (rest >= 2 ? 2 * ((rest - 2) / FramesPerMinuteDropped) : 0);
        }
        var ff = label % 30;
        var ss = label / 30 % 60;
        var mm = label / 1800 % 60;
        var hh = label / 108000;
        return string.Create(CultureInfo.InvariantCulture, $"{hh:00}:{mm:00}:{ss:00}{(dropFrame ? ';' : ':')}{ff:00}");
    }

    /// <summary>
    /// Reads "HH:MM:SS;FF" (also '.' or ',' before the frames: drop-frame) or "HH:MM:SS:FF" (non-drop) to a frame
    /// number; null with a reason when it is not a timecode or names a frame that does not exist (FF 30 and up, a
    /// dropped label such as 00:01:00;00).
    /// </summary>
    public static long? TryParse(string text, out bool dropFrame, out string? problem)
    {
        dropFrame = false;
        problem = null;
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            problem = $"'{text}' is not a timecode (HH:MM:SS;FF or HH:MM:SS:FF)";
            return null;
        }
        int Part(int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        var (hh, mm, ss, ff) = (Part(1), Part(2), Part(3), Part(5));
        dropFrame = m.Groups[4].Value != ":";
        if (mm > 59 || ss > 59 || ff > 29)
        {
            problem = $"timecode '{text}' does not exist (minutes and seconds run to 59, frames to 29)";
            return null;
        }
        long label = ((hh * 60L + mm) * 60 + ss) * 30 + ff;
        if (!dropFrame)
            return label;
        if (ss == 0 && ff < 2 && mm % 10 != 0)
        {
            problem = $"timecode '{text}' is a dropped frame label (drop-frame skips frames 00 and 01 of minute {mm})";
            return null;
        }
        var minutes = hh * 60L + mm;
        return label - 2 * (minutes - minutes / 10);
    }
}
