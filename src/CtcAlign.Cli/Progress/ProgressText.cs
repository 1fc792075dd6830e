using System.Globalization;

namespace CtcAlign.Cli.Progress;

/// <summary>How progress reads, the same in the live display and in plain log lines.</summary>
public static class ProgressText
{
    /// <summary>e.g. "4/20 files, 1.25 h audio, 61x real time, ETA 3 min 20 s".</summary>
    public static string Status(ProgressSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.FilesFinished}/{s.FilesTotal} files{(s.Failed > 0 ? $" ({s.Failed} failed)" : "")}, {Audio(s.AudioSeconds)} audio, {s.RealTimeFactor:0}x real time{(s.Eta is { } eta && s.FilesFinished < s.FilesTotal ? ", ETA " + Duration(eta) : "")}");

    /// <summary>e.g. "news-0412 37%, talk 12.5 min" (percent when the duration is known).</summary>
    public static string Current(ProgressSnapshot s) => string.Join(", ", s.Current.Select(p =>
        p.DurationSeconds is > 0 and var d
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Id} {Math.Min(100, 100 * p.SecondsDone / d):0}%")
            : $"{p.Id} {Audio(p.SecondsDone)}"));

    /// <summary>Seconds under a minute, minutes under an hour, else hours.</summary>
    public static string Audio(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.00} h"),
    };

    public static string Duration(TimeSpan t) => t.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min"),
    };
}
