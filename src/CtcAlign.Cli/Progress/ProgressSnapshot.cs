using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Progress;

/// <summary>Where an align batch stands at one moment.</summary>
/// <param name="FilesFinished">Files aligned, skipped or failed.</param>
/// <param name="AudioSeconds">Media seconds aligned so far, files in flight included (skipped files excluded).</param>
/// <param name="Eta">Time left, from the bytes of media still to align at the speed so far; null before anything is known.</param>
/// <param name="Current">Files in flight with how far each is.</param>
public sealed record ProgressSnapshot(int FilesFinished, int FilesTotal, int Failed, double AudioSeconds, TimeSpan Elapsed,
    TimeSpan? Eta, IReadOnlyList<MediaProgress> Current)
{
    /// <summary>Media seconds aligned per second of wall time.</summary>
    public double RealTimeFactor => Elapsed.TotalSeconds > 0 ? AudioSeconds / Elapsed.TotalSeconds : 0;
}
