namespace CtcAlign.Formats;

/// <summary>
/// When each byte pair of a pop-on SCC stream is sent. A caption channel carries one pair a frame, so a caption's
/// loading pairs (RCL, ENM, addresses, text) go out before its EOC, which must land on the cue's first frame; loading
/// can start only after the previous cue's EOC (before it, the hidden memory still holds that cue), and the previous
/// cue's EDM (its end, unless the next EOC follows within two frames) sits in the same stretch, between loading units
/// if need be (never inside a doubled code). When a stretch is too short, the EOC goes out as soon as the pairs allow:
/// that cue starts late, and <see cref="Result.Late"/> says by how many frames. Pure.
/// </summary>
public static class SccSchedule
{
    /// <summary>One cue to send: its loading units (a unit is one text pair or a doubled control code), its first frame and the frame it ends on (exclusive).</summary>
    public sealed record Cue(IReadOnlyList<IReadOnlyList<ushort>> Load, long StartFrame, long EndFrame);

    /// <summary>Lines of the file (first frame, pairs sent from it, one a frame) in time order; cues that start late (cue index, frames late).</summary>
    public sealed record Result(IReadOnlyList<(long Frame, IReadOnlyList<ushort> Pairs)> Lines, IReadOnlyList<(int Cue, long Frames)> Late);

    public const ushort EndOfCaption = 0x942F, EraseDisplayed = 0x942C;

    public static Result Plan(IReadOnlyList<Cue> cues)
    {
        var pieces = new List<(long Frame, List<ushort> Pairs)>();
        var late = new List<(int, long)>();
        var cursor = 0L;
        long? pendingErase = null;
        for (var i = 0; i < cues.Count; i++)
        {
            var cue = cues[i];
            var units = cue.Load;
            var prefix = new long[units.Count + 1];
            for (var k = 0; k < units.Count; k++)
                prefix[k + 1] = prefix[k] + units[k].Count;
            var n = prefix[^1];
            var target = Math.Max(cue.StartFrame, 0);
            long show;
            if (pendingErase is { } end && end + 2 <= target)
            {
                // the previous cue ends before this one starts: EDM at its end, the loading units around it
                var erase = Math.Max(end, cursor);
                var bestK = 0; // k = 0 always fits: the whole load after the erase
                var bestShow = long.MaxValue;
                for (var k = 0; k <= units.Count && erase - prefix[k] >= cursor; k++)
                {
                    var s = Math.Max(target, erase + 2 + n - prefix[k]);
                    if (s < bestShow)
                        (bestK, bestShow) = (k, s);
                }
                show = bestShow;
                if (bestK > 0)
                    pieces.Add((erase - prefix[bestK], Flatten(units, 0, bestK)));
                pieces.Add((erase, [EraseDisplayed, EraseDisplayed]));
                if (bestK < units.Count)
                    pieces.Add((show - (n - prefix[bestK]), Flatten(units, bestK, units.Count)));
            }
            else
            {
                show = Math.Max(target, cursor + n);
                pieces.Add((show - n, Flatten(units, 0, units.Count)));
            }
            pieces.Add((show, [EndOfCaption, EndOfCaption]));
            if (show > target)
                late.Add((i, show - target));
            cursor = show + 2;
            pendingErase = Math.Max(cue.EndFrame, show + 1);
            if (i + 1 < cues.Count && cues[i + 1].StartFrame <= pendingErase + 1)
                pendingErase = null; // the next EOC replaces this cue on screen
        }
        if (pendingErase is { } last)
            pieces.Add((Math.Max(last, cursor), [EraseDisplayed, EraseDisplayed]));
        return new Result(Merge(pieces), late);
    }

    private static List<ushort> Flatten(IReadOnlyList<IReadOnlyList<ushort>> units, int from, int to) =>
        units.Skip(from).Take(to - from).SelectMany(u => u).ToList();

    /// <summary>Pieces that follow one another frame by frame become one line.</summary>
    private static List<(long Frame, IReadOnlyList<ushort> Pairs)> Merge(List<(long Frame, List<ushort> Pairs)> pieces)
    {
        var lines = new List<(long Frame, List<ushort> Pairs)>();
        foreach (var (frame, pairs) in pieces)
        {
            if (pairs.Count == 0)
                continue;
            if (lines.Count > 0 && lines[^1].Frame + lines[^1].Pairs.Count == frame)
                lines[^1].Pairs.AddRange(pairs);
            else
                lines.Add((frame, [.. pairs]));
        }
        return lines.Select(l => (l.Frame, (IReadOnlyList<ushort>)l.Pairs)).ToList();
    }
}
