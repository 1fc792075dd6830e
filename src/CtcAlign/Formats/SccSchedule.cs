namespace CtcAlign.Formats;

/// <summary>
/// When each byte pair of a pop-on SCC stream is sent. A caption channel carries one pair a frame, so a caption's
/// loading pairs (RCL, ENM, addresses, text) go out before its EOC, which must land on the cue's first frame; loading
/// can start only after the previous cue's EOC (before it, the hidden memory still holds that cue), and the previous
/// cue's EDM (its end, unless the next EOC follows within two frames) sits in the same stretch, between loading units
/// if need be (never inside a doubled code). When a stretch is too short, the EOC goes out as soon as the pairs allow:
/// that cue starts late, and <see cref="Result.Late"/> says by how many frames. Roll-up streams:
/// <see cref="PlanRollUp"/>. Pure.
/// </summary>
public static class SccSchedule
{
    /// <summary>One cue to send: its loading units (a unit is one text pair or a doubled control code), its first frame and the frame it ends on (exclusive).</summary>
    public sealed record Cue(IReadOnlyList<IReadOnlyList<ushort>> Load, long StartFrame, long EndFrame);

    /// <summary>Lines of the file (first frame, pairs sent from it, one a frame) in time order; cues that start late (cue index, frames late).</summary>
    public sealed record Result(IReadOnlyList<(long Frame, IReadOnlyList<ushort> Pairs)> Lines, IReadOnlyList<(int Cue, long Frames)> Late);

    /// <summary>One roll-up row: its units (address, styling, characters), how many pairs come before its first character, and the frame that character is due on.</summary>
    public sealed record RollUpRow(IReadOnlyList<IReadOnlyList<ushort>> Load, int Lead, long StartFrame);

    /// <summary>One roll-up cue: its rows in order and the frame it ends on (exclusive).</summary>
    public sealed record RollUpCue(IReadOnlyList<RollUpRow> Rows, long EndFrame);

    public const ushort EndOfCaption = 0x942F, EraseDisplayed = 0x942C, CarriageReturn = 0x94AD;

    /// <summary>The roll-up code, channel 1, with parity: RU2 0x9425, RU3 0x9426, RU4 0x94A7.</summary>
    public static ushort RollUpCode(int rows) => rows switch
    {
        2 or 3 or 4 => (ushort)(Cea608.WithParity(0x14) << 8 | Cea608.WithParity((byte)(Cea608.RollUp2 + rows - 2))),
        _ => throw new ArgumentOutOfRangeException(nameof(rows), rows, "roll-up captions have 2, 3 or 4 rows"),
    };

    /// <summary>
    /// A roll-up stream (rows on screen: <paramref name="rows"/>): each row is sent as one run, a CR before it when the
    /// screen holds text (it rolls the rows up) and the roll-up code before it at the start and after each clear, so that
    /// its first character lands on the row's frame, or as soon as the rows before it are sent (late: the cue's
    /// latest row, in <see cref="Result.Late"/>). A cue that the next one does not follow within two frames is erased
    /// (EDM) on its end frame or once its rows are sent.
    /// </summary>
    public static Result PlanRollUp(IReadOnlyList<RollUpCue> cues, int rows)
    {
        var rollUp = RollUpCode(rows);
        var pieces = new List<(long Frame, List<ushort> Pairs)>();
        var late = new List<(int, long)>();
        var cursor = 0L;
        var onScreen = false;
        for (var i = 0; i < cues.Count; i++)
        {
            var latest = 0L;
            foreach (var row in cues[i].Rows)
            {
                var header = new List<ushort>();
                if (!onScreen)
                    header.AddRange([rollUp, rollUp]);
                else
                    header.AddRange([CarriageReturn, CarriageReturn]);
                var lead = header.Count + row.Lead;
                var target = Math.Max(row.StartFrame, lead);
                var send = Math.Max(target - lead, cursor);
                latest = Math.Max(latest, send + lead - target);
                header.AddRange(Flatten(row.Load, 0, row.Load.Count));
                pieces.Add((send, header));
                cursor = send + header.Count;
                onScreen = true;
            }
            if (latest > 0)
                late.Add((i, latest));
            if (!onScreen)
                continue;
            var end = Math.Max(cues[i].EndFrame, cursor);
            if (i + 1 < cues.Count && cues[i + 1].Rows.Count > 0 && cues[i + 1].Rows[0].StartFrame <= end + 2)
                continue; // the next cue rolls this one up
            pieces.Add((end, [EraseDisplayed, EraseDisplayed]));
            cursor = end + 2;
            onScreen = false;
        }
        return new Result(Merge(pieces), late);
    }

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
