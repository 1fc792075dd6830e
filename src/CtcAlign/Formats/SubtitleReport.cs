using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>What a re-timed SRT/WebVTT file holds: cues written by kind, lines left out, and the fastest reading speed.</summary>
public sealed record SubtitleReport(
    int Written, int KeptUnaligned, int SoundOnly, int LeftOut, int NoRoom, double MaxCharactersPerSecond, int FastestCue, int AboveMaxCps, double MaxCpsLimit)
{
    /// <summary>What the writer of a broadcast format adds (cues that start late, characters it lacks), each a short clause.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>"24 cues (2 not aligned kept between neighbours, 1 sound only; 3 lines not aligned left out); fastest 21.4 characters/s (cue 12), 1 above 20".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (KeptUnaligned > 0)
            parts.Add($"{KeptUnaligned} not aligned, kept between their neighbours");
        if (SoundOnly > 0)
            parts.Add($"{SoundOnly} sound only");
        var notes = new List<string>();
        if (LeftOut > 0)
            notes.Add($"{LeftOut} {(LeftOut == 1 ? "line" : "lines")} not aligned left out (--keep-unaligned keeps {(LeftOut == 1 ? "it" : "them")})");
        if (NoRoom > 0)
            notes.Add($"{NoRoom} left out: no room between their neighbours");
        var inner = string.Join(", ", parts) + (parts.Count > 0 && notes.Count > 0 ? "; " : "") + string.Join(", ", notes);
        var text = $"{Written} {(Written == 1 ? "cue" : "cues")}" + (inner.Length > 0 ? $" ({inner})" : "");
        if (Written > 0)
            text += string.Create(CultureInfo.InvariantCulture,
                $"; fastest {MaxCharactersPerSecond:0.0} characters/s (cue {FastestCue}), {AboveMaxCps} above {MaxCpsLimit:0.##}");
        foreach (var note in Notes)
            text += "; " + note;
        return text;
    }
}
