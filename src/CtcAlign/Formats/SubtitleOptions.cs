using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// How re-timed SRT/WebVTT are written: which lines reach the file and the cue clean-up captioning tools
/// offer. Times are seconds; 0 leaves a rule off.
/// </summary>
public sealed record SubtitleOptions
{
    public static SubtitleOptions Default { get; } = new();

    /// <summary>Also write lines that are not <c>aligned</c>, placed between their re-timed neighbours (marked in a NOTE in WebVTT).</summary>
    public bool KeepUnaligned { get; init; }

    /// <summary>No cue ends after the next one starts (the earlier cue is cut short, or the later one moved).</summary>
    public bool NoOverlap { get; init; }

    /// <summary>Cues shorter than this are lengthened, as far as their neighbours allow.</summary>
    public double MinDuration { get; init; }

    /// <summary>At least this much between one cue's end and the next one's start (the earlier cue ends sooner).</summary>
    public double MinGap { get; init; }

    /// <summary>Video frame rate the times snap to (29.97, 59.94 and 23.976 are taken as the exact NTSC rates), or null.</summary>
    public double? Fps { get; init; }

    /// <summary>Added to every time (a global shift; negative moves cues earlier; nothing goes before 0).</summary>
    public double Offset { get; init; }

    /// <summary>Word highlighting from the aligned word times in SRT, WebVTT and ASS (see <see cref="KaraokeWriter"/>).</summary>
    public bool Karaoke { get; init; }

    /// <summary>SCC output: null for pop-on captions (the default), 2, 3 or 4 for roll-up captions of that many rows (RU2-RU4).</summary>
    public int? SccRollUpRows { get; init; }

    /// <summary>
    /// SCC output: the caption channel written, 1 (CC1) or 2 (CC2); null: the channel SCC captions were read from, CC1
    /// for other captions.
    /// </summary>
    public int? SccChannel { get; init; }

    /// <summary>"pop-on" as null, "roll-up2" (or "roll-up"), "roll-up3", "roll-up4" as 2-4; false for anything else.</summary>
    public static bool TryParseSccMode(string mode, out int? rollUpRows)
    {
        rollUpRows = null;
        switch (mode.Trim().ToLowerInvariant())
        {
            case "pop-on" or "popon":
                return true;
            case "roll-up" or "rollup" or "roll-up2" or "rollup2" or "ru2":
                rollUpRows = 2;
                return true;
            case "roll-up3" or "rollup3" or "ru3":
                rollUpRows = 3;
                return true;
            case "roll-up4" or "rollup4" or "ru4":
                rollUpRows = 4;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reading speed above which cues are counted in the report (characters per second, spaces included).</summary>
    public double MaxCharactersPerSecond { get; init; } = 20;

    /// <summary>The frame rate as used: NTSC rates exact (30000/1001 for 29.97).</summary>
    public double? ExactFps => Fps switch
    {
        null => null,
        { } f when Math.Abs(f - 29.97) < 0.006 => 30000.0 / 1001,
        { } f when Math.Abs(f - 59.94) < 0.006 => 60000.0 / 1001,
        { } f when Math.Abs(f - 23.976) < 0.006 || Math.Abs(f - 23.98) < 0.006 => 24000.0 / 1001,
        { } f => f,
    };

    /// <summary>A one-line reason when a value makes no sense, else null.</summary>
    public string? Problem()
    {
        if (MinDuration < 0 || !double.IsFinite(MinDuration))
            return string.Create(CultureInfo.InvariantCulture, $"--min-cue-duration must be 0 or more seconds (got {MinDuration})");
        if (MinGap < 0 || !double.IsFinite(MinGap))
            return string.Create(CultureInfo.InvariantCulture, $"--min-gap must be 0 or more seconds (got {MinGap})");
        if (Fps is { } fps && (fps <= 0 || fps > 1000 || !double.IsFinite(fps)))
            return string.Create(CultureInfo.InvariantCulture, $"--fps must be a frame rate between 0 and 1000 (got {fps})");
        if (!double.IsFinite(Offset))
            return "--offset must be a number of seconds";
        if (SccRollUpRows is { } rows && rows is < 2 or > 4)
            return $"--scc-mode roll-up has 2, 3 or 4 rows (got {rows})";
        if (SccChannel is { } channel && channel is < 1 or > SccReader.Channels)
            return $"SCC output is written on CC1 or CC2 (got channel {channel})";
        if (MaxCharactersPerSecond <= 0 || !double.IsFinite(MaxCharactersPerSecond))
            return string.Create(CultureInfo.InvariantCulture, $"--max-cps must be more than 0 (got {MaxCharactersPerSecond})");
        return null;
    }
}
