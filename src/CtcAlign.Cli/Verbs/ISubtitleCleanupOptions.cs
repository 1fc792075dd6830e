using CtcAlign.Formats;

namespace CtcAlign.Cli.Verbs;

/// <summary>The SRT/WebVTT output options align and export share (see <see cref="SubtitleOptions"/>).</summary>
public interface ISubtitleCleanupOptions
{
    bool KeepUnaligned { get; }

    bool NoOverlap { get; }

    double MinCueDuration { get; }

    double MinGap { get; }

    double? Fps { get; }

    double Offset { get; }

    double MaxCps { get; }
}

internal static class SubtitleCleanupOptions
{
    /// <summary>The options as <see cref="SubtitleOptions"/>; a value that makes no sense is a usage error.</summary>
    public static SubtitleOptions ToSubtitleOptions(this ISubtitleCleanupOptions o)
    {
        var options = new SubtitleOptions
        {
            KeepUnaligned = o.KeepUnaligned, NoOverlap = o.NoOverlap, MinDuration = o.MinCueDuration, MinGap = o.MinGap, Fps = o.Fps,
            Offset = o.Offset, MaxCharactersPerSecond = o.MaxCps,
        };
        return options.Problem() is { } problem ? throw new CtcAlignException(problem) : options;
    }
}
