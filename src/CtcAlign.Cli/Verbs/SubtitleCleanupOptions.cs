using CommandLine;
using CtcAlign.Formats;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// The SRT/WebVTT clean-up options align and export share (see <see cref="SubtitleOptions"/>), declared once; each verb
/// words its own <see cref="KeepUnaligned"/>.
/// </summary>
public abstract class SubtitleCleanupOptions
{
    public abstract bool KeepUnaligned { get; set; }

    [Option("no-overlap", HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): no cue ends after the next one starts (the earlier one is cut short, or the later one moved).")]
    public bool NoOverlap { get; set; }

    [Option("min-cue-duration", Default = 0.0, HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): lengthen cues shorter than this many seconds, as far as their neighbours allow.")]
    public double MinCueDuration { get; set; }

    [Option("min-gap", Default = 0.0, HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): at least this many seconds between a cue's end and the next cue's start.")]
    public double MinGap { get; set; }

    [Option("fps", HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): snap times to video frames at this rate (25, 29.97, 30, 50, 59.94, 23.976...).")]
    public double? Fps { get; set; }

    [Option("offset", Default = 0.0, HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): add this many seconds to every time (negative: earlier).")]
    public double Offset { get; set; }

    [Option("max-cps", Default = 20.0, HelpText = "subtitle output (srt, vtt, sbv, ass, scc, stl, ttml, dfxp, ebu-tt-d): report cues read faster than this many characters per second.")]
    public double MaxCps { get; set; } = 20.0;

    [Option("karaoke", HelpText = "srt/vtt/ass/ttml/dfxp: highlight each word as it is spoken, from the aligned word times (vtt: <00:00:01.250> tags; ass: \\kf; srt: one cue per word, the words so far in yellow; ttml/dfxp: timed spans, the word being spoken in yellow).")]
    public bool Karaoke { get; set; }

    [Option("scc-mode", Default = "pop-on", HelpText = "scc output: pop-on (each cue shown whole on its first frame), or roll-up2, roll-up3, roll-up4 (roll-up: rows scroll up in a window of 2, 3 or 4 rows, each row painted as its first word is spoken).")]
    public string SccMode { get; set; } = "pop-on";

    [Option("scc-out-channel", HelpText = "scc output: the caption channel written, CC1 or CC2 (default: the channel SCC captions were read from, align --scc-channel; CC1 for other captions).")]
    public string? SccOutChannel { get; set; }

    /// <summary>The options as <see cref="SubtitleOptions"/>; a value that makes no sense is a usage error.</summary>
    public SubtitleOptions ToSubtitleOptions()
    {
        if (!SubtitleOptions.TryParseSccMode(SccMode, out var rollUpRows))
            throw new CtcAlignException($"unknown --scc-mode '{SccMode}' (pop-on, roll-up2, roll-up3 or roll-up4)");
        int? sccChannel = null;
        if (SccOutChannel is not null)
            sccChannel = SccReader.ParseChannel(SccOutChannel)
                ?? throw new CtcAlignException($"unknown --scc-out-channel '{SccOutChannel}' (CC1 or CC2: SCC files carry field 1 only)");
        var options = new SubtitleOptions
        {
            KeepUnaligned = KeepUnaligned, NoOverlap = NoOverlap, MinDuration = MinCueDuration, MinGap = MinGap, Fps = Fps,
            Offset = Offset, MaxCharactersPerSecond = MaxCps, Karaoke = Karaoke, SccRollUpRows = rollUpRows,
            SccChannel = sccChannel,
        };
        return options.Problem() is { } problem ? throw new CtcAlignException(problem) : options;
    }
}
