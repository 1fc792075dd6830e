using System.Globalization;
using System.Text;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed Scenarist SCC: every cue as a pop-on caption (RCL, ENM, a preamble address code per row, the row's
/// characters, EOC on the cue's first frame; EDM at its end unless the next cue follows), control codes doubled, odd
/// parity, rows of at most 32 characters (a cue's own lines when they fit in two rows, else its words over two rows when
/// they fit, else wrapped), italics/underline/colours as preamble and mid-row codes, characters outside the standard set
/// as special or extended characters (an extended one after its plain stand-in). SCC captions keep their rows and
/// columns; others are centred on the bottom rows ({\an7}-{\an9}: the top rows). Loading is scheduled by
/// <see cref="SccSchedule"/>; cues that could not be loaded in time are reported. Timecodes are drop-frame unless the
/// captions were non-drop SCC. Which cues are written and when: <see cref="CueTimeline"/>.
/// <para>With <see cref="SubtitleOptions.SccRollUpRows"/> (2, 3 or 4) every cue is written as roll-up captions instead
/// (<see cref="WriteRollUp"/>).</para>
/// </summary>
public static class SccWriter
{
    private const ushort ResumeCaptionLoading = 0x9420, EraseNonDisplayed = 0x94AE;

    public static SubtitleReport Write(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        if (options.SccRollUpRows is not null)
            return WriteRollUp(writer, media, options);
        var document = SubtitleWriter.DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var dropFrame = !(document.Kind == CaptionFileKind.Scc && SccReader.UsesNonDropFrame(document.Text));
        var substituted = 0;
        var tall = 0;
        var scheduled = new List<SccSchedule.Cue>();
        foreach (var c in cues)
        {
            var rows = RowsOf(c.Cue, document.Kind);
            if (rows.Count > 4)
                tall++;
            var start = NtscTimecode.FrameAt(c.Start);
            scheduled.Add(new SccSchedule.Cue(Load(rows, ref substituted), start, Math.Max(start + 1, NtscTimecode.FrameAt(c.End))));
        }
        var plan = SccSchedule.Plan(scheduled);

        WriteLines(writer, plan, dropFrame, ChannelOf(document, options));

        var notes = new List<string>();
        AddLateNote(notes, plan.Late, "cue starts", "cues start", "late: no time to load before the start");
        if (tall > 0)
            notes.Add($"{tall} {(tall == 1 ? "cue needs" : "cues need")} more than 4 rows of 32 characters");
        AddSubstitutedNote(notes, substituted);
        return report with { Notes = notes };
    }

    /// <summary>
    /// Roll-up SCC (CEA-608 RU2/RU3/RU4): the captions scroll up in a window of that many rows at the bottom (base row 15,
    /// column 0), or at the top for a cue placed there (<see cref="CaptionPlacement.AtTop"/>: base row 1 + rows, so the window starts on row
    /// 2 as a pop-on caption at the top does; a decoder moves the window with the rows on it when the base row changes). Each cue's rows (wrapped to 32 columns as for pop-on) are painted one after another: a carriage return
    /// (CR) rolls the rows on screen up one, a preamble address code starts the base row and its characters appear as they
    /// are sent, the first on the row's start. A row starts when its first aligned word does (without word times: the
    /// cue's start, later rows spread over the cue by their characters). A cue that the next one does not follow within
    /// two frames is cleared at its end (EDM); the roll-up code is sent at the start and after each clear. Rows that could
    /// not be sent before their start are reported.
    /// </summary>
    public static SubtitleReport WriteRollUp(TextWriter writer, MediaAlignment media, SubtitleOptions options)
    {
        var depth = options.SccRollUpRows ?? throw new ArgumentException("roll-up needs SccRollUpRows", nameof(options));
        var document = SubtitleWriter.DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var dropFrame = !(document.Kind == CaptionFileKind.Scc && SccReader.UsesNonDropFrame(document.Text));
        var substituted = 0;
        var scheduled = new List<SccSchedule.RollUpCue>();
        foreach (var c in cues)
        {
            var lines = CaptionPlacement.SrtLines(c.Cue, document.Kind);
            var rows = StyledText.Wrap(lines.Select(StyledText.Parse).ToList(), Cea608.Columns);
            if (rows.Count == 0)
                continue;
            var baseRow = CaptionPlacement.AtTop(c.Cue, document.Kind) ? depth + 1 : Cea608.Rows;
            var starts = RowStarts(c, rows, options);
            var loads = new List<SccSchedule.RollUpRow>();
            for (var r = 0; r < rows.Count; r++)
            {
                var units = new List<IReadOnlyList<ushort>>();
                var lead = LoadRow(units, baseRow, 0, rows[r], ref substituted);
                loads.Add(new SccSchedule.RollUpRow(units, lead, NtscTimecode.FrameAt(starts[r])));
            }
            var start = NtscTimecode.FrameAt(c.Start);
            scheduled.Add(new SccSchedule.RollUpCue(loads, Math.Max(start + 1, NtscTimecode.FrameAt(c.End))));
        }
        var plan = SccSchedule.PlanRollUp(scheduled, depth);
        WriteLines(writer, plan, dropFrame, ChannelOf(document, options));

        var notes = new List<string>();
        AddLateNote(notes, plan.Late, "cue has", "cues have", "rows that start late: no time to send them before their start");
        AddSubstitutedNote(notes, substituted);
        return report with { Notes = notes };
    }

    /// <summary>The report's note on cues the schedule could not start in time, with the latest of them.</summary>
    private static void AddLateNote(List<string> notes, IReadOnlyList<(int Cue, long Frames)> late, string one, string many, string what)
    {
        if (late.Count == 0)
            return;
        var worst = late.MaxBy(l => l.Frames);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{late.Count} {(late.Count == 1 ? one : many)} {what} (up to {NtscTimecode.Seconds(worst.Frames):0.00} s late, cue {worst.Cue + 1})"));
    }

    private static void AddSubstitutedNote(List<string> notes, int substituted)
    {
        if (substituted > 0)
            notes.Add($"{substituted} {(substituted == 1 ? "character" : "characters")} outside the CEA-608 set written as the nearest one");
    }

    /// <summary>
    /// When each roll-up row starts (seconds, in order, within the cue): the first row at the cue's start; a later row at
    /// its first aligned word's start, else spread over the cue by the characters before it.
    /// </summary>
    internal static double[] RowStarts(TimedCue cue, IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>> rows, SubtitleOptions options)
    {
        var starts = new double[rows.Count];
        var total = rows.Sum(r => r.Count);
        var before = 0;
        var times = KaraokeWriter.WordTimes(cue, options);
        var places = times is null ? null
            : KaraokeWriter.Locate(rows.Select(r => new string(r.Select(c => c.Char).ToArray())).ToList(), cue.Segment!.Words.Select(w => w.Word).ToList());
        for (var r = 0; r < rows.Count; r++)
        {
            var start = cue.Start + (cue.End - cue.Start) * before / Math.Max(1, total);
            if (places is not null)
                for (var w = 0; w < places.Length; w++)
                    if (places[w] is { } place && place.Line == r)
                    {
                        start = times!.Value.Starts[w];
                        break;
                    }
            starts[r] = r == 0 ? cue.Start : Math.Clamp(start, starts[r - 1], cue.End);
            before += rows[r].Count;
        }
        return starts;
    }

    /// <summary>The channel written: the one asked for, else the one SCC captions were read from, else CC1.</summary>
    private static int ChannelOf(CaptionDocument document, SubtitleOptions options) => options.SccChannel ?? document.SccChannel ?? 1;

    private static void WriteLines(TextWriter writer, SccSchedule.Result plan, bool dropFrame, int channel)
    {
        var text = new StringBuilder(SccReader.Header).Append("\n\n");
        foreach (var (frame, pairs) in plan.Lines)
            text.Append(NtscTimecode.Format(frame, dropFrame)).Append('\t')
                .AppendJoin(' ', pairs.Select(p => OnChannel(p, channel).ToString("x4", CultureInfo.InvariantCulture))).Append("\n\n");
        writer.Write(text.ToString());
    }

    /// <summary>
    /// A pair as sent on <paramref name="channel"/>: the codes are built for CC1, and CC2's control codes (misc, preamble,
    /// mid-row, tab, special and extended characters: first byte 0x10-0x17) differ from CC1's by the channel bit 0x08 of
    /// their first byte. Character pairs and nulls are the same on both channels.
    /// </summary>
    internal static ushort OnChannel(ushort pair, int channel)
    {
        var first = (byte)(pair >> 8 & 0x7F);
        if (channel == 1 || first is < 0x10 or > 0x17)
            return pair;
        return (ushort)(Cea608.WithParity((byte)(first | 0x08)) << 8 | (pair & 0xFF));
    }

    /// <summary>The cue's lines with SRT markup (WebVTT and ASS markup turned into SRT's).</summary>
    /// <summary>The cue's rows: (row 1-15, first column, styled characters).</summary>
    internal static IReadOnlyList<(int Row, int Column, IReadOnlyList<(char Char, CaptionStyle Style)> Text)> RowsOf(CaptionCue cue, CaptionFileKind kind)
    {
        var lines = CaptionPlacement.SrtLines(cue, kind);
        var styled = lines.Select(StyledText.Parse).ToList();
        if (kind == CaptionFileKind.Scc && SccReader.PositionsOf(cue.Settings) is { } positions && positions.Count == styled.Count
            && styled.All(l => l.Count <= Cea608.Columns))
            return styled.Select((l, i) => (positions[i].Row, positions[i].Column, l)).ToList();

        var rows = StyledText.Wrap(styled, Cea608.Columns).Take(Cea608.Rows).ToList();
        var firstRow = CaptionPlacement.AtTop(cue, kind) ? 2 : Cea608.Rows - rows.Count + 1;
        return rows.Select((r, i) => (firstRow + i, (Cea608.Columns - r.Count) / 2, r)).ToList();
    }

    /// <summary>The loading units of one pop-on caption: RCL, ENM, then per row its address, styling codes and characters.</summary>
    internal static IReadOnlyList<IReadOnlyList<ushort>> Load(IReadOnlyList<(int Row, int Column, IReadOnlyList<(char Char, CaptionStyle Style)> Text)> rows,
        ref int substituted)
    {
        var units = new List<IReadOnlyList<ushort>> { Doubled(ResumeCaptionLoading), Doubled(EraseNonDisplayed) };
        foreach (var (row, column, text) in rows)
            LoadRow(units, row, column, text, ref substituted);
        return units;
    }

    /// <summary>
    /// Adds one row's units: its address (and tab offset), the styling codes before its first character, then its
    /// characters and mid-row codes. Returns how many pairs come before the first character.
    /// </summary>
    private static int LoadRow(List<IReadOnlyList<ushort>> units, int row, int column, IReadOnlyList<(char Char, CaptionStyle Style)> text, ref int substituted)
    {
        var from = units.Count;
        var first = text.FirstOrDefault(c => c.Char != ' ').Style;
        var current = new CaptionStyle(false, first.Underline, null);
        if (first.Colour is null && !first.Italic)
            Address(units, row, column, first.Underline);
        else if (column == 0 && !(first.Italic && first.Colour is not null))
        {
            units.Add(Doubled(Code(Cea608.StyleCode(row, Cea608.ColourIndex(first.Colour), first.Italic, first.Underline))));
            current = first;
        }
        else
        {
            var codes = MidRowCodes(CaptionStyle.Plain, first);
            Address(units, row, Math.Max(0, column - codes.Count), false);
            units.AddRange(codes.Select(c => Doubled(c)));
            current = first;
        }
        var lead = units.Skip(from).Sum(u => u.Count);
        var pending = new List<byte>(); // standard characters not yet sent
        var lastWasSpace = false;
        foreach (var (ch, style) in text)
        {
            if (ch != ' ' && style != current)
            {
                if (lastWasSpace && pending.Count > 0 && pending[^1] == (byte)' ')
                    pending.RemoveAt(pending.Count - 1); // the code takes the space's cell
                Flush(units, pending);
                units.AddRange(MidRowCodes(current, style).Select(c => Doubled(c)));
                current = style;
            }
            lastWasSpace = ch == ' ';
            AddCharacter(units, pending, ch, ref substituted);
        }
        Flush(units, pending);
        return lead;
    }

    private static void Address(List<IReadOnlyList<ushort>> units, int row, int column, bool underline)
    {
        units.Add(Doubled(Code(Cea608.IndentCode(row, column / 4 * 4, underline))));
        if (column % 4 > 0)
            units.Add(Doubled(Code((0x17, (byte)(0x20 + column % 4)))));
    }

    /// <summary>Mid-row codes from one style to another: a colour (italics off), then italics when wanted.</summary>
    private static List<ushort> MidRowCodes(CaptionStyle from, CaptionStyle to)
    {
        var codes = new List<ushort>();
        if (!to.Italic || from.Colour != to.Colour)
            codes.Add(Code((0x11, Cea608.MidRowCode(Cea608.ColourIndex(to.Colour), false, to.Underline))));
        if (to.Italic)
            codes.Add(Code((0x11, Cea608.MidRowCode(0, true, to.Underline))));
        return codes;
    }

    private static void AddCharacter(List<IReadOnlyList<ushort>> units, List<byte> pending, char ch, ref int substituted)
    {
        if (Cea608.StandardByte(ch) is { } b)
        {
            pending.Add(b);
            return;
        }
        if (Cea608.ControlFor(ch) is { } code)
        {
            if (code.First != 0x11)
                pending.Add(Cea608.FallbackFor(ch));
            Flush(units, pending);
            units.Add(Doubled(Code(code)));
            return;
        }
        substituted++;
        var nearest = AccentedLetters.Decompose(ch) is { Letter: var letter }
            ? letter
            : ch switch { '–' or '‑' => '-', '…' => '.', '`' or '´' => '\'', _ => '?' };
        AddCharacter(units, pending, nearest, ref substituted);
    }

    /// <summary>Sends the pending standard characters two a pair (an odd one with a null after it).</summary>
    private static void Flush(List<IReadOnlyList<ushort>> units, List<byte> pending)
    {
        for (var i = 0; i < pending.Count; i += 2)
            units.Add([Code((pending[i], i + 1 < pending.Count ? pending[i + 1] : (byte)0))]);
        pending.Clear();
    }

    private static ushort Code((byte First, byte Second) pair) => (ushort)(Cea608.WithParity(pair.First) << 8 | Cea608.WithParity(pair.Second));

    private static ushort[] Doubled(ushort code) => [code, code];
}
