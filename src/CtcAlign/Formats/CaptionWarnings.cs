using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Problems found while reading a caption file that do not stop it: each kind is reported once, as one line
/// naming the first cue (its number in the file, 1-based) and file line where it happened and how many cues
/// had it. Times found wrong are dropped by the reader (they are only hints to the aligner).
/// </summary>
public sealed class CaptionWarnings(string source)
{
    private readonly Dictionary<string, (int Cue, int Line, string Detail, int Count)> _kinds = new();
    private readonly List<string> _order = [];

    /// <summary>Notes one occurrence of a kind of problem; <paramref name="message"/> describes the first one.</summary>
    public void Add(string kind, int cue, int line, string message)
    {
        if (_kinds.TryGetValue(kind, out var first))
        {
            _kinds[kind] = first with { Count = first.Count + 1 };
            return;
        }
        _kinds[kind] = (cue, line, message, 1);
        _order.Add(kind);
    }

    /// <summary>The kinds noted so far, in the order first seen.</summary>
    public IReadOnlyList<string> Kinds => _order;

    /// <summary>One line per kind, in file order: "a.srt: cue 3 (line 9): ends before it starts ...; its times are ignored (and 2 more cues)".</summary>
    public IReadOnlyList<string> Lines() => _order.OrderBy(kind => _kinds[kind].Line).Select(kind =>
    {
        var (cue, line, message, count) = _kinds[kind];
        var where = cue > 0
            ? string.Create(CultureInfo.InvariantCulture, $"cue {cue} (line {line})")
            : string.Create(CultureInfo.InvariantCulture, $"line {line}");
        var more = count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {count - 1} more)") : "";
        return $"{source}: {where}: {message}{more}";
    }).ToList();
}
