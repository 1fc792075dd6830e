using System.Globalization;
using System.Text.RegularExpressions;

namespace CtcAlign.Formats;

/// <summary>
/// How aligned audio times map onto the programme's timeline the captions are timed on. An output time is
/// audio time + the audio stream's start in its container (with <c>--time-base media</c>) + the timecode offset:
/// given (<c>--timecode-offset 10:00:00</c>), none, or the captions' own base when their times lie far beyond the
/// audio (captions timed from 10:00:00 come back based at 10:00:00). Pure functions.
/// </summary>
public static partial class ProgrammeTimeline
{
    [GeneratedRegex(@"^(\d{1,3}):([0-5]\d):([0-5]\d)(?:\.(\d{1,3})|[:;](\d{1,3}))?$")]
    private static partial Regex TimecodePattern();

    /// <summary>
    /// Parses HH:MM:SS, HH:MM:SS.fff or HH:MM:SS:FF (frames, needs <paramref name="fps"/>; ';' for drop-frame notation is read the same)
    /// to seconds, or a plain number of seconds; null with a reason in <paramref name="problem"/> when it is none of them.
    /// </summary>
    public static double? ParseTimecode(string text, double? fps, out string? problem)
    {
        problem = null;
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && double.IsFinite(plain))
            return plain;
        var m = TimecodePattern().Match(t);
        if (!m.Success)
        {
            problem = $"'{text}' is not a timecode: give HH:MM:SS, HH:MM:SS.fff, HH:MM:SS:FF (with --fps) or seconds";
            return null;
        }
        var seconds = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 3600.0
                      + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 60.0
                      + int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (m.Groups[4].Success)
            return seconds + int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) / Math.Pow(10, m.Groups[4].Value.Length);
        if (!m.Groups[5].Success)
            return seconds;
        if (fps is not { } rate || rate <= 0)
        {
            problem = $"timecode '{text}' counts frames: give the frame rate with --fps";
            return null;
        }
        var frames = int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture);
        if (frames >= Math.Ceiling(rate))
        {
            problem = $"timecode '{text}': frame {frames} does not exist at {rate.ToString(CultureInfo.InvariantCulture)} fps";
            return null;
        }
        return seconds + frames / rate;
    }

    /// <summary>
    /// The captions' own timecode base, when their times cannot be on the audio's timeline: the first cue starts after the
    /// audio ends (plus a minute's slack) and, once the whole hour below it is taken off, the cues fit within the audio
    /// (plus the same slack). Then that hour (10:00:12 -> 10:00:00), else 0. A base the file declares (EBU STL's start of
    /// programme, 09:59:30:00) is taken instead of the hour when the cues start at or after it and fit within the audio from it.
    /// </summary>
    public static double DetectCaptionBase(IReadOnlyList<CaptionLine> captions, double audioSeconds, double? declaredBase = null)
    {
        const double Slack = 60;
        var starts = captions.Where(c => c.Start is not null).Select(c => c.Start!.Value).ToList();
        if (starts.Count == 0 || audioSeconds <= 0)
            return 0;
        var first = starts.Min();
        if (first <= audioSeconds + Slack)
            return 0;
        var last = captions.Select(c => c.End ?? c.Start).Where(t => t is not null).Max()!.Value;
        if (declaredBase is { } declared && declared > 0 && first >= declared - 1e-9 && last - declared <= audioSeconds + Slack)
            return declared;
        var hour = Math.Floor(first / 3600) * 3600;
        return hour > 0 && last - hour <= audioSeconds + Slack ? hour : 0;
    }

    /// <summary>"10:00:00" style, for messages.</summary>
    public static string Describe(double seconds) => CaptionTimestamp.FormatVtt(seconds).TrimEnd('0').TrimEnd('.');
}
