using System.Globalization;
using System.Text;

namespace CtcAlign.Formats;

/// <summary>
/// Reads EBU STL (EBU Tech 3264) subtitle files: the GSI block (disk format code STL25.01/STL30.01 for the frame rate,
/// character code table 00 Latin/ISO 6937 or 01-04 ISO 8859-5/6/7/8, time code of the start of programme) and the TTI
/// blocks (times in hours, minutes, seconds and frames; extension blocks joined; comments and user data kept, not read
/// as cues). The text field's control codes become markup: italics 0x80/0x81 &lt;i&gt;, underline 0x82/0x83 &lt;u&gt;,
/// teletext colours 0x00-0x07 &lt;font color&gt;, 0x8A a new line; boxing, double height and the other teletext
/// attributes count as spaces. <see cref="CaptionCue.Settings"/> holds "vp 20 jc 2" (vertical position, justification).
/// A damaged file (a truncated block, an unknown disk format code, a time code that does not exist) stops with one line.
/// The document's text is the file's bytes in base64 after <see cref="TextPrefix"/>, so it can be stored and re-read.
/// </summary>
public static class StlReader
{
    public const int GsiLength = 1024, TtiLength = 128;

    /// <summary>How an STL file's bytes are held as text (<see cref="CaptionDocument.Text"/>, the database).</summary>
    public const string TextPrefix = "EBU-STL;base64,";

    private static readonly string?[] TeletextColours = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", null];

    /// <summary>The file is EBU STL: its extension is .stl, or it starts with a GSI block's disk format code.</summary>
    public static bool IsStlFile(string path)
    {
        if (Path.GetExtension(path).Equals(".stl", StringComparison.OrdinalIgnoreCase))
            return true;
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[11];
            return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && LooksLikeGsi(head);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // the text reader says what is wrong
        }
    }

    /// <summary>Bytes 3-10 are "STL25.01" or "STL30.01".</summary>
    public static bool LooksLikeGsi(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 11 && (bytes[3..11].SequenceEqual("STL25.01"u8) || bytes[3..11].SequenceEqual("STL30.01"u8));

    public static CaptionDocument ReadDocument(string path) => Parse(CaptionTextDecoder.ReadBytes(path), path);

    public static bool IsStoredText(string text) => text.StartsWith(TextPrefix, StringComparison.Ordinal);

    /// <summary>An STL file's bytes from <see cref="CaptionDocument.Text"/>.</summary>
    public static byte[] BytesOf(string storedText, string source)
    {
        try
        {
            return Convert.FromBase64String(storedText[TextPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CaptionFormatException($"{source}: stored EBU STL bytes are not valid base64");
        }
    }

    public static CaptionDocument ParseStored(string text, string source) => Parse(BytesOf(text, source), source);

    public static CaptionDocument Parse(byte[] bytes, string source)
    {
        var warnings = new CaptionWarnings(source);
        var file = ReadFile(bytes, source, warnings);
        var encoding = TextEncoding(file.Gsi, source);
        var blocks = new List<CaptionBlock>();
        var number = 0;
        foreach (var subtitle in file.Subtitles)
        {
            if (subtitle.IsUserData)
                continue;
            var lines = TextLines(subtitle.Blocks, encoding);
            if (subtitle.IsComment)
            {
                blocks.Add(CaptionBlock.Text(lines));
                continue;
            }
            var first = subtitle.Blocks[0];
            var settings = string.Create(CultureInfo.InvariantCulture, $"vp {first[StlFile.VerticalPosition]} jc {first[StlFile.Justification]}");
            double? start = subtitle.Start, end = subtitle.End;
            if (subtitle.End < subtitle.Start)
            {
                warnings.Add("reversed", number + 1, subtitle.FirstBlock, $"subtitle {subtitle.Number} ends before it starts; its times are ignored");
                (start, end) = (null, null);
            }
            blocks.Add(CaptionBlock.Of(new CaptionCue(++number, subtitle.FirstBlock, null, start, end, settings, lines)));
        }
        if (number == 0)
            throw new CaptionFormatException($"{source}: no subtitles (only comments or user data)");
        var document = CaptionDocument.Build(CaptionFileKind.Stl, [], blocks, source, TextPrefix + Convert.ToBase64String(bytes), warnings);
        document.DeclaredTimecodeBase = StartOfProgramme(file.Gsi, file.FramesPerSecond);
        return document;
    }

    /// <summary>The file's blocks; throws on what cannot be read (a truncated block, an unknown disk format, a time code that does not exist).</summary>
    public static StlFile ReadFile(byte[] bytes, string source, CaptionWarnings? warnings = null)
    {
        warnings ??= new CaptionWarnings(source);
        if (bytes.Length < GsiLength)
            throw new CaptionFormatException($"{source}: truncated GSI block ({bytes.Length} bytes; an EBU STL file starts with a {GsiLength}-byte GSI block)");
        var dfc = Ascii(bytes, StlFile.DiskFormatCode, 8);
        var fps = dfc switch
        {
            "STL25.01" => 25,
            "STL30.01" => 30,
            _ => throw new CaptionFormatException($"{source}: not an EBU STL file (disk format code '{dfc.Trim()}'; STL25.01 or STL30.01 expected)"),
        };
        TextEncoding(bytes, source);
        var ttiBytes = bytes.Length - GsiLength;
        if (ttiBytes % TtiLength != 0)
            throw new CaptionFormatException($"{source}: truncated TTI block (the {ttiBytes} bytes after the GSI block are not whole {TtiLength}-byte blocks)");
        var count = ttiBytes / TtiLength;
        if (count == 0)
            throw new CaptionFormatException($"{source}: no TTI blocks (no subtitles)");
        if (int.TryParse(Ascii(bytes, StlFile.TotalBlocks, 5), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared != count)
            warnings.Add("tnb", 0, 1, $"the GSI block says {declared} TTI blocks (TNB), the file has {count}; all are read");

        var gsi = bytes[..GsiLength];
        var subtitles = new List<StlFile.Subtitle>();
        var group = new List<byte[]>();
        var groupStart = 0;
        for (var k = 0; k < count; k++)
        {
            var block = bytes.AsSpan(GsiLength + k * TtiLength, TtiLength).ToArray();
            var sn = block[1] | block[2] << 8;
            var ebn = block[3];
            if (group.Count > 0 && (block[1] | block[2] << 8) != (group[0][1] | group[0][2] << 8) && ebn != 0xFE)
            {
                warnings.Add("no-last-block", 0, groupStart + 1, "a subtitle's extension blocks end without a last block (EBN 0xFF); read as ended");
                subtitles.Add(Subtitle(group, groupStart, fps, source));
                group = [];
            }
            if (ebn == 0xFE)
            {
                subtitles.Add(new StlFile.Subtitle([block], sn, false, true, 0, 0, k + 1));
                continue;
            }
            if (group.Count == 0)
                groupStart = k;
            group.Add(block);
            if (ebn == 0xFF)
            {
                subtitles.Add(Subtitle(group, groupStart, fps, source));
                group = [];
            }
        }
        if (group.Count > 0)
            throw new CaptionFormatException($"{source}: truncated TTI blocks (subtitle {group[0][1] | group[0][2] << 8} goes on in extension blocks the file does not have)");
        return new StlFile(gsi, fps, subtitles);
    }

    private static StlFile.Subtitle Subtitle(List<byte[]> blocks, int firstBlock, int fps, string source)
    {
        var first = blocks[0];
        var sn = first[1] | first[2] << 8;
        var start = TimeCode(first, StlFile.TimeCodeIn, fps, sn, firstBlock, source);
        var end = TimeCode(first, StlFile.TimeCodeOut, fps, sn, firstBlock, source);
        return new StlFile.Subtitle(blocks, sn, first[StlFile.CommentFlag] == 1, false, start, end, firstBlock + 1);
    }

    private static double TimeCode(byte[] block, int at, int fps, int sn, int blockIndex, string source)
    {
        var (h, m, s, f) = (block[at], block[at + 1], block[at + 2], block[at + 3]);
        if (h > 23 || m > 59 || s > 59 || f >= fps)
            throw new CaptionFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: subtitle {sn} (TTI block {blockIndex + 1}): time code {h:00}:{m:00}:{s:00}:{f:00} does not exist at {fps} fps"));
        return h * 3600 + m * 60 + s + f / (double)fps;
    }

    /// <summary>The time code of the start of programme (TCP) in seconds, when the GSI block says time codes are in use (TCS 1) and it is past 0.</summary>
    private static double? StartOfProgramme(byte[] gsi, int fps)
    {
        var tcp = Ascii(gsi, StlFile.StartOfProgramme, 8);
        if (gsi[StlFile.TimeCodeStatus] != (byte)'1' || !tcp.All(char.IsAsciiDigit))
            return null;
        int Part(int i) => int.Parse(tcp.AsSpan(i, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var (h, m, s, f) = (Part(0), Part(2), Part(4), Part(6));
        if (h > 23 || m > 59 || s > 59 || f >= fps)
            return null;
        var seconds = h * 3600 + m * 60 + s + f / (double)fps;
        return seconds > 0 ? seconds : null;
    }

    /// <summary>Null for the Latin table (ISO 6937, <see cref="Iso6937"/>), else the ISO 8859 encoding of tables 01-04.</summary>
    private static Encoding? TextEncoding(byte[] gsi, string source)
    {
        var cct = Ascii(gsi, StlFile.CharacterCodeTable, 2);
        if (cct is "00" or "  ")
            return null;
        var table = StlFile.Iso8859Tables.FirstOrDefault(t => t.Code == cct);
        if (table.Code is null)
            throw new CaptionFormatException($"{source}: character code table '{cct}' is not one EBU STL defines (00-04)");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(table.CodePage);
    }

    /// <summary>The text field of a subtitle's blocks as marked-up lines.</summary>
    internal static List<string> TextLines(IReadOnlyList<byte[]> blocks, Encoding? encoding)
    {
        var lines = new List<string>();
        var line = new List<(char, CaptionStyle)>();
        var style = CaptionStyle.Plain;
        byte? diacritic = null;
        foreach (var b in blocks.SelectMany(block => block.Skip(StlFile.TextField).Take(StlFile.TextLength)))
        {
            switch (b)
            {
                case 0x8F:
                    continue;
                case 0x8A:
                    lines.Add(StyledText.Render(line));
                    line.Clear();
                    style = style with { Colour = null }; // teletext attributes end with the row
                    diacritic = null;
                    continue;
                case 0x80 or 0x81:
                    style = style with { Italic = b == 0x80 };
                    continue;
                case 0x82 or 0x83:
                    style = style with { Underline = b == 0x82 };
                    continue;
                case >= 0x84 and <= 0x9F:
                    continue; // boxing and reserved codes
                case <= 0x07:
                    style = style with { Colour = TeletextColours[b] };
                    line.Add((' ', style));
                    continue;
                case < 0x20:
                    line.Add((' ', style)); // other teletext spacing attributes: a space on screen
                    continue;
            }
            if (encoding is null && Iso6937.IsDiacritic(b))
            {
                diacritic = b;
                continue;
            }
            var text = encoding is null
                ? Iso6937.Character(b) is { } c ? (diacritic is { } d ? Iso6937.Compose(d, c) : c).ToString() : ""
                : b == 0x7F ? "" : encoding.GetString([b]);
            diacritic = null;
            foreach (var ch in text)
                line.Add((ch, style));
        }
        lines.Add(StyledText.Render(line));
        return lines.Where(l => l.Length > 0).ToList();
    }

    internal static string Ascii(byte[] bytes, int at, int length) => Encoding.ASCII.GetString(bytes, at, length);
}
