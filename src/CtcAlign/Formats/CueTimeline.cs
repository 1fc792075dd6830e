using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Re-times a caption file's cues from its aligned lines: cues whose line is <c>aligned</c> take the aligned
/// times; sound-only cues, and with <see cref="SubtitleOptions.KeepUnaligned"/> lines not aligned, are placed
/// in the gap between their re-timed neighbours (at their own times clamped into it when those fit, else
/// sharing it evenly), so they never overlap; then the clean-up rules (offset, minimum duration, no overlap,
/// minimum gap, frame snapping) and the reading speed. A pure function of its inputs.
/// </summary>
public static class CueTimeline
{
    /// <summary>A placed cue shorter than this is not worth showing: the cue is left out (no room).</summary>
    public const double ShortestPlaced = 0.1;

    /// <summary>Cues placed after the last aligned one with no times of their own and no known media end get this long each.</summary>
    public const double UntimedTailSeconds = 2.0;

    public static (IReadOnlyList<TimedCue> Cues, SubtitleReport Report) Plan(
        CaptionDocument document, IReadOnlyList<AlignedSegment> segments, double mediaDuration, SubtitleOptions options)
    {
        var byIndex = segments.ToDictionary(s => s.Index);
        var entries = new List<(CaptionCue Cue, AlignedSegment? Segment, TimedCueKind Kind, double? Start, double? End)>();
        var leftOut = 0;
        foreach (var cue in document.Cues)
        {
            var segment = cue.LineIndex is { } li ? byIndex.GetValueOrDefault(li) : null;
            if (segment is { Status: SegmentStatus.Aligned, Start: { } s, End: { } e })
                entries.Add((cue, segment, TimedCueKind.Aligned, s, e));
            else if (cue.LineIndex is not null)
            {
                if (options.KeepUnaligned)
                    entries.Add((cue, segment, TimedCueKind.KeptUnaligned, null, null));
                else
                    leftOut++;
            }
            else if (cue.IsSoundOnly)
                entries.Add((cue, null, TimedCueKind.SoundOnly, null, null));
        }

        var placed = new List<TimedCue>();
        var noRoom = 0;
        var i = 0;
        var previousEnd = 0.0;
        while (i < entries.Count)
        {
            if (entries[i].Kind == TimedCueKind.Aligned)
            {
                var (cue, segment, kind, start, end) = entries[i++];
                placed.Add(new TimedCue(cue, start!.Value, end!.Value, kind, segment));
                previousEnd = Math.Max(previousEnd, end.Value);
                continue;
            }
            var runStart = i;
            while (i < entries.Count && entries[i].Kind != TimedCueKind.Aligned)
                i++;
            var run = entries.GetRange(runStart, i - runStart);
            double? nextStart = i < entries.Count ? entries[i].Start : mediaDuration > 0 ? mediaDuration : null;
            var times = PlaceInGap(run.Select(r => HintOf(r.Cue, r.Segment)).ToList(), previousEnd, nextStart);
            for (var k = 0; k < run.Count; k++)
            {
                if (times[k] is not { } t)
                {
                    noRoom++;
                    continue;
                }
                placed.Add(new TimedCue(run[k].Cue, t.Start, t.End, run[k].Kind, run[k].Segment));
            }
        }

        var cleaned = CleanUp(placed, options);
        return (cleaned, Report(cleaned, leftOut, noRoom, options));
    }

    /// <summary>Where a cue would go on its own: where its line was placed (low confidence), else the caption's times.</summary>
    private static (double Start, double End)? HintOf(CaptionCue cue, AlignedSegment? segment)
    {
        if (segment is { Start: { } ps, End: { } pe } && pe >= ps)
            return (ps, pe);
        if (cue.Start is { } s && cue.End is { } e)
            return (s, e);
        if (segment is { HintStart: { } hs, HintEnd: { } he } && he >= hs)
            return (hs, he);
        return null;
    }

    /// <summary>
    /// Times for cues that sit between an aligned cue ending at <paramref name="from"/> and one starting at
    /// <paramref name="to"/> (null: nothing after them): their own times clamped into the gap when all have
    /// times and each keeps at least <see cref="ShortestPlaced"/>, else equal shares of the gap; null where
    /// there is no room.
    /// </summary>
    internal static IReadOnlyList<(double Start, double End)?> PlaceInGap(IReadOnlyList<(double Start, double End)?> hints, double from, double? to)
    {
        var n = hints.Count;
        var result = new (double Start, double End)?[n];
        if (n == 0)
            return result;
        var limit = to ?? double.PositiveInfinity;
        if (hints.All(h => h is not null))
        {
            var cursor = from;
            var ok = true;
            for (var k = 0; k < n && ok; k++)
            {
                var (hs, he) = hints[k]!.Value;
                var s = Math.Max(hs, cursor);
                var e = Math.Min(he, limit);
                ok = e - s >= ShortestPlaced;
                result[k] = (s, e);
                cursor = e;
            }
            if (ok)
                return result;
        }
        if (double.IsPositiveInfinity(limit))
            limit = from + UntimedTailSeconds * n;
        var share = (limit - from) / n;
        for (var k = 0; k < n; k++)
            result[k] = share >= ShortestPlaced ? (from + k * share, from + (k + 1) * share) : null;
        return result;
    }

    private static List<TimedCue> CleanUp(List<TimedCue> cues, SubtitleOptions o)
    {
        var start = cues.Select(c => c.Start + o.Offset).ToArray();
        var end = cues.Select(c => c.End + o.Offset).ToArray();
        var n = cues.Count;
        if (o.MinDuration > 0)
        {
            for (var k = 0; k < n; k++)
            {
                if (end[k] - start[k] >= o.MinDuration)
                    continue;
                var latest = k + 1 < n && start[k + 1] >= start[k] ? start[k + 1] - o.MinGap : double.PositiveInfinity;
                end[k] = Math.Max(end[k], Math.Min(start[k] + o.MinDuration, latest));
                if (end[k] - start[k] < o.MinDuration)
                {
                    var earliest = k > 0 ? Math.Max(start[k - 1], end[k - 1] + o.MinGap) : 0;
                    start[k] = Math.Min(start[k], Math.Max(end[k] - o.MinDuration, earliest));
                }
            }
        }
        for (var k = 0; k + 1 < n; k++)
        {
            var gap = start[k + 1] - end[k];
            var overlaps = gap < -1e-9;
            if (!(o.NoOverlap && overlaps) && !(!overlaps && gap < o.MinGap - 1e-9))
                continue;
            var latestEnd = start[k + 1] - o.MinGap;
            if (latestEnd - start[k] >= ShortestPlaced || latestEnd > start[k] && !o.NoOverlap)
                end[k] = latestEnd;
            else if (o.NoOverlap)
            {
                // The next cue starts too soon for this one to end before it: the next one moves later.
                var length = end[k + 1] - start[k + 1];
                start[k + 1] = end[k] + o.MinGap;
                end[k + 1] = Math.Max(end[k + 1], start[k + 1] + Math.Max(length, ShortestPlaced));
            }
        }
        if (o.ExactFps is { } fps)
        {
            for (var k = 0; k < n; k++)
            {
                start[k] = Math.Round(start[k] * fps, MidpointRounding.AwayFromZero) / fps;
                end[k] = Math.Max(Math.Round(end[k] * fps, MidpointRounding.AwayFromZero) / fps, start[k] + 1 / fps);
            }
        }
        var result = new List<TimedCue>(n);
        for (var k = 0; k < n; k++)
        {
            if (end[k] <= 0)
                continue;
            result.Add(cues[k] with { Start = Math.Max(0, start[k]), End = end[k] });
        }
        return result;
    }

    private static SubtitleReport Report(IReadOnlyList<TimedCue> cues, int leftOut, int noRoom, SubtitleOptions o)
    {
        var fastest = 0.0;
        var fastestCue = 0;
        var above = 0;
        for (var k = 0; k < cues.Count; k++)
        {
            var characters = CaptionText.Clean(cues[k].Cue.TextLines).Length;
            var cps = characters / Math.Max(1e-3, cues[k].End - cues[k].Start);
            if (cps > fastest)
                (fastest, fastestCue) = (cps, k + 1);
            if (cps > o.MaxCharactersPerSecond)
                above++;
        }
        return new SubtitleReport(cues.Count, cues.Count(c => c.Kind == TimedCueKind.KeptUnaligned), cues.Count(c => c.Kind == TimedCueKind.SoundOnly),
            leftOut, noRoom, fastest, fastestCue, above, o.MaxCharactersPerSecond);
    }
}
