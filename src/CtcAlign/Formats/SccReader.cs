using System.Globalization;

namespace CtcAlign.Formats;

/// <summary>
/// Reads Scenarist SCC files: the "Scenarist_SCC V1.0" header, then lines "HH:MM:SS;FF&lt;tab&gt;9420 9420 ..." of CEA-608
/// byte pairs, one pair a frame at 29.97 fps from the line's timecode (drop-frame with ';', non-drop with ':'). The
/// pairs are played through a <see cref="Cea608Decoder"/>; each caption it shows is a cue: its rows as text lines
/// (italics, underline and colours as &lt;i&gt;, &lt;u&gt;, &lt;font color&gt;), and in <see cref="CaptionCue.Settings"/> how it was
/// shown and where each row stood ("pop-on r14c4 r15c0": row 14 from column 4, row 15 from column 0). One data
/// channel is read: CC1 unless asked for CC2 (a second language, say); a file that also carries captions on the other
/// channel gets a warning, and one whose chosen channel is empty names the channel that has captions. A damaged file
/// (no header, a bad timecode, a word that is not a byte pair, a byte with even parity) stops with one line.
/// </summary>
public static class SccReader
{
    public const string Header = "Scenarist_SCC V1.0";

    /// <summary>The first line with text starts "Scenarist_SCC".</summary>
    public static bool LooksLikeScc(string text) =>
        text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("Scenarist_SCC", StringComparison.Ordinal);

    /// <summary>True when the file's first timecode is non-drop ("00:00:01:00"); drop-frame or none: false.</summary>
    public static bool UsesNonDropFrame(string text)
    {
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n').Skip(1))
        {
            var first = line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null && NtscTimecode.TryParse(first, out var drop, out _) is not null)
                return !drop;
        }
        return false;
    }

    /// <summary>The data channels an SCC file carries (field 1): CC1 and CC2.</summary>
    public const int Channels = 2;

    /// <summary>"CC1", "cc2", "1" or "2" as a channel number; null for anything else (CC3/CC4 are field 2, which SCC does not carry).</summary>
    public static int? ParseChannel(string name) => name.Trim().ToUpperInvariant() switch
    {
        "CC1" or "1" => 1,
        "CC2" or "2" => 2,
        _ => null,
    };

    /// <summary>The captions of data channel <paramref name="channel"/> (1: CC1, 2: CC2).</summary>
    public static CaptionDocument ParseDocument(string text, string source, int channel = 1)
    {
        if (channel is < 1 or > Channels)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "SCC carries CC1 and CC2");
        var warnings = new CaptionWarnings(source);
        var lines = CaptionText.SplitLines(text, warnings);
        var at = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (at < 0 || !lines[at].Trim().StartsWith("Scenarist_SCC", StringComparison.Ordinal))
            throw new CaptionFormatException($"{source}: not a Scenarist SCC file (the first line is not '{Header}')");

        var decoder = new Cea608Decoder(channel);
        var other = new Cea608Decoder(3 - channel);
        bool? dropFrame = null;
        var sentUntil = -1L;
        for (var i = at + 1; i < lines.Length; i++)
        {
            var words = lines[i].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            var lineNumber = i + 1;
            var frame = NtscTimecode.TryParse(words[0], out var drop, out var problem)
                ?? throw new CaptionFormatException($"{source}: line {lineNumber}: {problem}");
            if (dropFrame is null)
                dropFrame = drop;
            else if (dropFrame != drop)
                warnings.Add("mixed-timecode", 0, lineNumber, "drop-frame and non-drop timecodes mixed in one file; each line is read as written");
            if (frame < sentUntil)
                warnings.Add("overlap", 0, lineNumber, $"starts at {words[0]}, before the bytes of the line above were sent; read in file order");
            for (var k = 1; k < words.Length; k++)
            {
                var (first, second) = PairOf(words[k], source, lineNumber);
                var time = NtscTimecode.Seconds(frame + k - 1);
                decoder.Pair((byte)(first & 0x7F), (byte)(second & 0x7F), time, lineNumber);
                other.Pair((byte)(first & 0x7F), (byte)(second & 0x7F), time, lineNumber);
            }
            sentUntil = frame + words.Length - 1;
        }

        var captions = decoder.Finish();
        var otherCaptions = other.Finish();
        if (captions.Count == 0)
            throw new CaptionFormatException(otherCaptions.Count == 0
                ? $"{source}: no captions (no text reaches the screen on caption channel {channel})"
                : $"{source}: no captions on caption channel CC{channel}; CC{3 - channel} has {Captions(otherCaptions.Count)} (--scc-channel CC{3 - channel} reads them)");
        if (otherCaptions.Count > 0)
            warnings.Add("other-channel", 0, otherCaptions[0].FileLine,
                $"the file also carries {Captions(otherCaptions.Count)} on CC{3 - channel}, not read (--scc-channel CC{3 - channel} reads them)");
        var blocks = captions.Select((c, n) => CaptionBlock.Of(new CaptionCue(n + 1, c.FileLine, null, c.Start, c.End,
            c.Mode + string.Concat(c.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $" r{r.Row}c{r.Column}"))),
            c.Rows.Select(r => r.Text).ToList()))).ToList();
        var document = CaptionDocument.Build(CaptionFileKind.Scc, [], blocks, source, text, warnings);
        document.SccChannel = channel;
        return document;
    }

    private static string Captions(int n) => n == 1 ? "1 caption" : $"{n} captions";

    /// <summary>The rows and columns "pop-on r14c4 r15c0" names, in order; empty when the settings hold none.</summary>
    public static IReadOnlyList<(int Row, int Column)> PositionsOf(string settings)
    {
        var result = new List<(int, int)>();
        foreach (var part in settings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var c = part.IndexOf('c');
            if (part.StartsWith('r') && c > 1
                && int.TryParse(part[1..c], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row is >= 1 and <= Cea608.Rows
                && int.TryParse(part[(c + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var column) && column is >= 0 and < Cea608.Columns)
                result.Add((row, column));
        }
        return result;
    }

    private static (byte First, byte Second) PairOf(string word, string source, int lineNumber)
    {
        if (word.Length != 4 || !byte.TryParse(word.AsSpan(0, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var first)
            || !byte.TryParse(word.AsSpan(2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var second))
            throw new CaptionFormatException($"{source}: line {lineNumber}: '{SrtReader.Shorten(word)}' is not a byte pair (4 hex digits)");
        if (!Cea608.HasOddParity(first) || !Cea608.HasOddParity(second))
            throw new CaptionFormatException($"{source}: line {lineNumber}: byte pair {word} fails the odd parity check (a damaged file?)");
        return (first, second);
    }
}
