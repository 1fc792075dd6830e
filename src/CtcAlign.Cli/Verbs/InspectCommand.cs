using System.Globalization;
using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Storage;
using Spectre.Console;

namespace CtcAlign.Cli.Verbs;

/// <summary>
/// Prints, per stored media: counts by status, a rho histogram drawn with text bars (and a p_correct histogram in 10
/// bins when the lines have p_correct), and the worst lines (lowest p_correct first when the lines have it, else lowest
/// rho; not-aligned lines first of all) with times, rho, p_correct, caption WER and text. Times are on the programme's
/// timeline, as align and export write them (<see cref="MediaAlignment.OnOutputTimeline"/>).
/// </summary>
public sealed class InspectCommand(InspectOptions options) : IVerbCommand
{
    /// <summary>Histogram bins, upper edge exclusive except the first: rho &gt;= -1, [-2,-1), [-3,-2), [-5,-3), [-10,-5), below -10.</summary>
    internal static readonly (string Label, double Low)[] Bins =
    [
        ("      >= -1", -1), ("[-2, -1)   ", -2), ("[-3, -2)   ", -3), ("[-5, -3)   ", -5), ("[-10, -5)  ", -10), ("     < -10", double.NegativeInfinity),
    ];

    private const int BarWidth = 40;

    public Task<int> ExecuteAsync(CliConsole console, CancellationToken cancellationToken)
    {
        if (options.Worst is < 0)
            throw new CtcAlignException($"--worst must be 0 or more (got {options.Worst})");
        if (options.Sort is { } sort && sort is not ("p" or "rho"))
            throw new CtcAlignException($"unknown --sort '{sort}' (p or rho)");
        if (options.BelowP is { } belowP && !(belowP >= 0 && belowP <= 1))
            throw new CtcAlignException($"--below-p must be from 0 to 1 (got {belowP.ToString(CultureInfo.InvariantCulture)})");
        using var store = SegmentStore.Open(options.Database, readOnly: true);
        var media = StoredMediaSelection.NotEmpty(store.ListMedia(options.Media), store, options.Media);

        var o = console.Out;
        var table = console.IsInteractive && ReferenceEquals(o, Console.Out) && !Console.IsOutputRedirected;
        foreach (var m in media)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // times as align and export write them: on the programme's timeline (audio stream start, timecode base)
            var alignment = store.LoadAlignment(m.Id)!.OnOutputTimeline();
            var segments = alignment.Segments;
            o.WriteLine(Invariant($"media {m.Id}: {m.Path} ({m.DurationSeconds:0.0} s), model {m.Model}, {m.ParametersJson}, aligned {m.AlignedUtc}"));
            if (alignment.AudioStartSeconds != 0)
                o.WriteLine($"  times on the programme's timeline: the audio starts at {Time(alignment.AudioStartSeconds)}");
            o.WriteLine($"  lines: {segments.Count} total, {Count(segments, SegmentStatus.Aligned)} aligned, "
                + $"{Count(segments, SegmentStatus.LowConfidence)} low confidence, {Count(segments, SegmentStatus.NotAligned)} not aligned");
            WriteHistogram(o, segments);
            var calibrated = segments.Any(s => s.PCorrect is not null);
            if (calibrated)
                WritePHistogram(o, segments);
            WriteWorst(o, segments, table, calibrated);
            o.WriteLine();
        }
        return Task.FromResult(ExitCodes.Success);
    }

    private static int Count(IReadOnlyList<AlignedSegment> segments, SegmentStatus status) => segments.Count(s => s.Status == status);

    private static void WriteHistogram(TextWriter o, IReadOnlyList<AlignedSegment> segments)
    {
        var placed = segments.Where(s => s.Status != SegmentStatus.NotAligned).ToList();
        var counts = Bins.Select((b, i) => placed.Count(s => s.Rho >= b.Low && (i == 0 || s.Rho < Bins[i - 1].Low))).ToList();
        counts.Add(segments.Count - placed.Count);
        var max = Math.Max(1, counts.Max());
        o.WriteLine("  rho histogram:");
        for (var i = 0; i < counts.Count; i++)
        {
            var label = i < Bins.Length ? Bins[i].Label : "not aligned";
            var bar = new string('#', (int)Math.Ceiling(counts[i] * (double)BarWidth / max));
            o.WriteLine($"    {label,-11} |{bar.PadRight(BarWidth)}| {counts[i]}");
        }
    }

    /// <summary>p_correct in 10 bins of 0.1 (the last includes 1), then the lines without p_correct.</summary>
    internal static void WritePHistogram(TextWriter o, IReadOnlyList<AlignedSegment> segments)
    {
        var counts = new int[11];
        foreach (var s in segments)
            counts[s.PCorrect is { } p ? Math.Clamp((int)Math.Floor(p * 10), 0, 9) : 10]++;
        var max = Math.Max(1, counts.Max());
        o.WriteLine("  p_correct histogram:");
        for (var i = 0; i < counts.Length; i++)
        {
            var label = i < 10 ? Invariant($"[{i / 10.0:0.0}, {(i + 1) / 10.0:0.0}{(i == 9 ? "]" : ")")}") : "no p_correct";
            var bar = new string('#', (int)Math.Ceiling(counts[i] * (double)BarWidth / max));
            o.WriteLine($"    {label,-12} |{bar.PadRight(BarWidth)}| {counts[i]}");
        }
    }

    private void WriteWorst(TextWriter o, IReadOnlyList<AlignedSegment> segments, bool table, bool calibrated)
    {
        var byP = options.Sort is null ? calibrated : options.Sort == "p";
        var ordered = segments.OrderBy(s => s.Status == SegmentStatus.NotAligned ? 0 : 1);
        IEnumerable<AlignedSegment> lines = (byP ? ordered.ThenBy(s => s.PCorrect ?? -1).ThenBy(s => s.Rho) : ordered.ThenBy(s => s.Rho))
            .ThenBy(s => s.Index);
        string title;
        if (options.BelowP is { } belowP)
        {
            lines = lines.Where(s => s.PCorrect is null || s.PCorrect < belowP);
            if (options.Below is { } rhoBelow)
                lines = lines.Where(s => s.Rho < rhoBelow);
            if (options.Worst is { } n)
                lines = lines.Take(n);
            title = Invariant($"lines with p_correct below {belowP} (or none)");
        }
        else if (options.Below is { } below)
        {
            var all = lines.Where(s => s.Rho < below).ToList();
            lines = options.Worst is { } n ? all.Take(n) : all;
            // the count is of all such lines; the table shows the worst --worst of them
            title = options.Worst is { } shown && shown < all.Count
                ? Invariant($"lines with rho below {below}: {all.Count}, the worst {shown} of them")
                : Invariant($"lines with rho below {below}: {all.Count}");
        }
        else
        {
            var n = options.Worst ?? 10;
            lines = lines.Take(n);
            title = $"worst {n} lines";
        }

        var list = lines.ToList();
        o.WriteLine(options.Below is null ? $"  {title}: {list.Count}" : $"  {title}");
        if (list.Count == 0)
            return;
        if (table)
        {
            WriteTable(o, list);
            return;
        }
        o.WriteLine("    index  start         end           rho      p      wer    status          text [reason]");
        foreach (var s in list)
        {
            o.WriteLine(Invariant(
                $"    {s.Index,5}  {Time(s.Start ?? s.HintStart),-12}  {Time(s.End ?? s.HintEnd),-12}  {Rho(s.Rho),7}  {P(s.PCorrect),5}  {(s.CaptionWer is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "-"),5}  {StatusNames.ToName(s.Status),-14}  {s.Text}{(s.StatusReason is { } r ? $"  [{r}]" : "")}"));
        }
    }

    /// <summary>The worst lines as a Spectre.Console table (used when stdout is a terminal; text wraps in its column).</summary>
    internal static void WriteTable(TextWriter o, IReadOnlyList<AlignedSegment> lines)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(o),
            Ansi = ReferenceEquals(o, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(o, Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!ReferenceEquals(o, Console.Out))
            console.Profile.Width = 160;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("index").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("start").NoWrap());
        table.AddColumn(new TableColumn("end").NoWrap());
        table.AddColumn(new TableColumn("rho").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("p").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("wer").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("status").NoWrap());
        table.AddColumn(new TableColumn("text"));
        table.AddColumn(new TableColumn("reason"));
        foreach (var s in lines)
        {
            var status = StatusNames.ToName(s.Status);
            var styled = s.Status switch
            {
                SegmentStatus.Aligned => $"[green]{status}[/]",
                SegmentStatus.LowConfidence => $"[yellow]{status}[/]",
                _ => $"[red]{status}[/]",
            };
            table.AddRow(
                new Spectre.Console.Text(s.Index.ToString(CultureInfo.InvariantCulture)), new Spectre.Console.Text(Time(s.Start ?? s.HintStart)), new Spectre.Console.Text(Time(s.End ?? s.HintEnd)),
                new Spectre.Console.Text(Rho(s.Rho)), new Spectre.Console.Text(P(s.PCorrect)),
                new Spectre.Console.Text(s.CaptionWer is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "-"),
                new Markup(styled), new Spectre.Console.Text(s.Text), new Spectre.Console.Text(s.StatusReason ?? ""));
        }
        console.Write(table);
    }

    /// <summary>rho with two decimals; "-" for a line that was never placed (rho -infinity).</summary>
    private static string Rho(double rho) => double.IsFinite(rho) ? rho.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>p_correct with two decimals; "-" when the line has none.</summary>
    private static string P(double? p) => p is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Time(double? seconds) => seconds is { } s ? CaptionTimestamp.FormatVtt(s) : "-";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
