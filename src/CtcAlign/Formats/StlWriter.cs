using System.Globalization;
using System.Text;
using CtcAlign.Alignment;

namespace CtcAlign.Formats;

/// <summary>
/// Writes re-timed EBU STL. Captions read from STL keep their GSI block and every TTI block as it was (styling, vertical
/// position, justification, extension blocks, comments, user data, subtitle numbers); only TCI/TCO change, and in the
/// GSI the block and subtitle counts (TNB, TNS) and the first in-cue time code (TCF). Other captions get a clean GSI block
/// (STL25.01, or STL30.01 for --fps 29.97/30; Level-1 teletext; the character code table the text needs: Latin/ISO 6937
/// when it carries every character, else the first of ISO 8859-5/6/7/8 (Cyrillic, Arabic, Greek, Hebrew) that does, and
/// a one-line refusal naming the characters when none does; the start of programme at the hour of the
/// first cue, so captions timed from 10:00:00 say 10:00:00:00) and one subtitle per cue: rows of at most 37 characters,
/// double height, centred at the bottom ({\an7}-{\an9}: the top), &lt;i&gt;/&lt;u&gt; as 0x80-0x83, colours as teletext colour
/// codes, text beyond 112 bytes in extension blocks. Times are rounded to the file's frames. Which cues are written and
/// when: <see cref="CueTimeline"/>.
/// </summary>
public static class StlWriter
{
    /// <summary>Characters a row of a clean file holds (40 teletext columns, less room for the double-height and colour codes).</summary>
    public const int RowCharacters = 37;

    public static SubtitleReport Write(Stream stream, MediaAlignment media, SubtitleOptions options, DateTime? created = null)
    {
        var document = SubtitleWriter.DocumentOf(media);
        var (cues, report) = CueTimeline.Plan(document, media.Segments, media.AudioEndSeconds, options);
        var notes = new List<string>();
        byte[] gsi;
        var blocks = new List<byte[]>();
        var shown = 0;
        string? firstIn = null;
        int fps;
        if (document.Kind == CaptionFileKind.Stl)
        {
            var file = StlReader.ReadFile(StlReader.BytesOf(document.Text, document.Source), document.Source);
            fps = file.FramesPerSecond;
            gsi = (byte[])file.Gsi.Clone();
            var byNumber = cues.ToDictionary(c => c.Cue.Number);
            var number = 0;
            foreach (var subtitle in file.Subtitles)
            {
                if (subtitle.IsComment || subtitle.IsUserData)
                {
                    blocks.AddRange(subtitle.Blocks.Select(b => (byte[])b.Clone()));
                    continue;
                }
                if (!byNumber.TryGetValue(++number, out var cue))
                    continue;
                var (tci, tco) = TimeCodes(cue, fps);
                firstIn ??= Digits(tci);
                shown++;
                foreach (var original in subtitle.Blocks)
                {
                    var block = (byte[])original.Clone();
                    tci.CopyTo(block, StlFile.TimeCodeIn);
                    tco.CopyTo(block, StlFile.TimeCodeOut);
                    blocks.Add(block);
                }
            }
        }
        else
        {
            fps = options.ExactFps is { } f && Math.Abs(f - 30) < 0.1 ? 30 : 25;
            var shaped = cues.Select(c => Rows(c.Cue, document.Kind)).ToList();
            var table = CodeTable(shaped.SelectMany(c => c.Rows).SelectMany(r => r).Select(x => x.Char));
            foreach (var (cue, (rows, top)) in cues.Zip(shaped))
            {
                var (tci, tco) = TimeCodes(cue, fps);
                firstIn ??= Digits(tci);
                shown++;
                blocks.AddRange(Subtitle(rows, top, shown, tci, tco, table.Encoding));
            }
            var programme = cues.Count > 0 ? Math.Floor(cues[0].Start / 3600) * 3600 : 0;
            gsi = CleanGsi(fps, media.Id, Digits(TimeCode((long)Math.Round(programme * fps), fps)), created ?? DateTime.UtcNow, table.Code);
            if (table.Encoding is not null)
                notes.Add($"character code table {table.Code} ({table.Name})");
        }
        Put(gsi, StlFile.TotalBlocks, blocks.Count.ToString("00000", CultureInfo.InvariantCulture));
        Put(gsi, StlFile.TotalSubtitles, shown.ToString("00000", CultureInfo.InvariantCulture));
        Put(gsi, StlFile.FirstInCue, firstIn ?? "00000000");
        stream.Write(gsi);
        foreach (var block in blocks)
            stream.Write(block);
        return report with { Notes = notes };
    }

    /// <summary>TCI and TCO as hours, minutes, seconds, frames; the end at least one frame after the start.</summary>
    private static (byte[] In, byte[] Out) TimeCodes(TimedCue cue, int fps)
    {
        var start = (long)Math.Round(Math.Max(0, cue.Start) * fps, MidpointRounding.AwayFromZero);
        var end = Math.Max(start + 1, (long)Math.Round(cue.End * fps, MidpointRounding.AwayFromZero));
        return (TimeCode(start, fps), TimeCode(end, fps));
    }

    private static byte[] TimeCode(long frames, int fps)
    {
        frames = Math.Min(frames, 24L * 3600 * fps - 1); // the time code's last frame, 23:59:59
        return [(byte)(frames / (3600L * fps)), (byte)(frames / (60L * fps) % 60), (byte)(frames / fps % 60), (byte)(frames % fps)];
    }

    private static string Digits(byte[] timeCode) => string.Concat(timeCode.Select(b => b.ToString("00", CultureInfo.InvariantCulture)));

    /// <summary>The TTI blocks of one cue of a non-STL file: its styled rows in a text field (<paramref name="top"/>: at the top of the screen), extension blocks when it runs past 112 bytes.</summary>
    private static IEnumerable<byte[]> Subtitle(IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>> rows, bool top, int number,
        byte[] tci, byte[] tco, Encoding? encoding)
    {
        var text = TextField(rows, encoding);
        var vp = (byte)(top ? 2 : Math.Max(1, 24 - 2 * rows.Count));
        var chunks = new List<byte[]>();
        for (var at = 0; at < text.Count || chunks.Count == 0;)
        {
            var length = Math.Min(StlFile.TextLength, text.Count - at);
            if (encoding is null && length == StlFile.TextLength && at + length < text.Count && Iso6937.IsDiacritic(text[at + length - 1]))
                length--; // a diacritic stays with its letter
            chunks.Add(text.GetRange(at, length).ToArray());
            at += length;
        }
        var blocks = new List<byte[]>();
        for (var k = 0; k < chunks.Count && k < 0xF0; k++)
        {
            var block = new byte[StlReader.TtiLength];
            block[0] = 0; // SGN
            block[1] = (byte)(number & 0xFF);
            block[2] = (byte)(number >> 8 & 0xFF);
            block[3] = k == chunks.Count - 1 ? (byte)0xFF : (byte)k;
            block[4] = 0; // CS: not cumulative
            tci.CopyTo(block, StlFile.TimeCodeIn);
            tco.CopyTo(block, StlFile.TimeCodeOut);
            block[StlFile.VerticalPosition] = vp;
            block[StlFile.Justification] = 2; // centred
            block[StlFile.CommentFlag] = 0;
            Array.Fill(block, (byte)0x8F, StlFile.TextField, StlFile.TextLength);
            chunks[k].CopyTo(block, StlFile.TextField);
            blocks.Add(block);
        }
        return blocks;
    }

    /// <summary>A cue's text as styled rows of at most <see cref="RowCharacters"/>, and whether it asks for the top of the screen.</summary>
    private static (List<IReadOnlyList<(char Char, CaptionStyle Style)>> Rows, bool Top) Rows(CaptionCue cue, CaptionFileKind kind)
    {
        var lines = CaptionPlacement.SrtLines(cue, kind);
        var rows = StyledText.Wrap(lines.Select(StyledText.Parse).ToList(), RowCharacters).ToList();
        return (rows, CaptionPlacement.AtTop(cue, kind));
    }

    /// <summary>
    /// The character code table that carries every one of <paramref name="characters"/>: 00 (Latin, ISO 6937) when it does,
    /// else the first of 01-04 (ISO 8859-5/6/7/8) whose printable ASCII and upper half (0xA0-0xFF) do. Throws a
    /// <see cref="CaptionFormatException"/> naming the characters when no table carries them all.
    /// </summary>
    internal static (string Code, Encoding? Encoding, string Name) CodeTable(IEnumerable<char> characters)
    {
        var distinct = characters.Where(c => c is not ('\n' or '\r')).Distinct().Order().ToList();
        var latinMissing = distinct.Where(c => Iso6937.Encode(c).Length == 0).ToList();
        if (latinMissing.Count == 0)
            return ("00", null, "Latin, ISO 6937");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var best = (Missing: latinMissing, Name: "Latin (ISO 6937)");
        foreach (var (code, codePage, name) in StlFile.Iso8859Tables)
        {
            var encoding = Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            var missing = distinct.Where(c => !Carries(encoding, c)).ToList();
            if (missing.Count == 0)
                return (code, encoding, name);
            if (missing.Count < best.Missing.Count)
                best = (missing, name);
        }
        var named = string.Join(", ", best.Missing.Take(12).Select(c => string.Create(CultureInfo.InvariantCulture, $"'{c}' U+{(int)c:X4}")));
        var more = best.Missing.Count > 12 ? $" and {best.Missing.Count - 12} more" : "";
        throw new CaptionFormatException($"EBU STL: no character code table (Latin/ISO 6937, ISO 8859-5/6/7/8) carries all of the captions' characters; the closest, {best.Name}, cannot carry {named}{more}");
    }

    /// <summary>True when <paramref name="c"/> is printable ASCII or a single byte of the table's upper half (0xA0-0xFF; 0x80-0x9F are STL control codes).</summary>
    private static bool Carries(Encoding encoding, char c)
    {
        if (c is >= ' ' and <= '~')
            return true;
        var bytes = encoding.GetBytes([c]);
        return bytes.Length == 1 && bytes[0] >= 0xA0 && encoding.GetString(bytes) == c.ToString();
    }

    /// <summary>Rows as a text field: each double height, separated by two new lines; style codes where the style changes (a colour code takes the space before it).
    /// Characters in ISO 6937 when <paramref name="encoding"/> is null, else in that ISO 8859 table; <see cref="CodeTable"/> has checked that it carries them.</summary>
    internal static List<byte> TextField(IReadOnlyList<IReadOnlyList<(char Char, CaptionStyle Style)>> rows, Encoding? encoding)
    {
        var bytes = new List<byte>();
        var italic = false;
        var underline = false;
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0)
                bytes.AddRange([0x8A, 0x8A]);
            bytes.Add(0x0D);
            string? colour = null;
            var lastWasSpace = false;
            foreach (var (ch, style) in rows[r])
            {
                if (ch != ' ')
                {
                    if (style.Colour != colour)
                    {
                        if (lastWasSpace)
                            bytes.RemoveAt(bytes.Count - 1);
                        bytes.Add(ColourCode(style.Colour));
                        colour = style.Colour;
                    }
                    if (style.Italic != italic)
                        bytes.Add(style.Italic ? (byte)0x80 : (byte)0x81);
                    if (style.Underline != underline)
                        bytes.Add(style.Underline ? (byte)0x82 : (byte)0x83);
                    (italic, underline) = (style.Italic, style.Underline);
                }
                lastWasSpace = ch == ' ';
                var encoded = encoding is null ? Iso6937.Encode(ch) : ch is >= ' ' and <= '~' ? [(byte)ch] : encoding.GetBytes([ch]);
                if (encoded.Length == 0)
                    throw new CaptionFormatException(string.Create(CultureInfo.InvariantCulture, $"EBU STL: character '{ch}' U+{(int)ch:X4} is not in the character code table"));
                bytes.AddRange(encoded);
            }
        }
        if (italic)
            bytes.Add(0x81);
        if (underline)
            bytes.Add(0x83);
        return bytes;
    }

    private static byte ColourCode(string? colour) => colour switch
    {
        "black" => 0x00, "red" => 0x01, "green" => 0x02, "yellow" => 0x03, "blue" => 0x04, "magenta" => 0x05, "cyan" => 0x06, _ => 0x07,
    };

    /// <summary>A GSI block for captions that were not STL: code page 850, the frame rate's disk format, Level-1 teletext, the character code table, the title from the media id.</summary>
    internal static byte[] CleanGsi(int fps, string title, string startOfProgramme, DateTime created, string characterCodeTable = "00")
    {
        var gsi = new byte[StlReader.GsiLength];
        Array.Fill(gsi, (byte)' ');
        Put(gsi, 0, "850");
        Put(gsi, StlFile.DiskFormatCode, fps == 30 ? "STL30.01" : "STL25.01");
        Put(gsi, StlFile.DisplayStandardCode, "1");
        Put(gsi, StlFile.CharacterCodeTable, characterCodeTable);
        Put(gsi, 14, "00"); // language code: unknown
        var ascii = new string(title.Select(c => c is >= ' ' and <= '~' ? c : '_').Take(32).ToArray());
        Put(gsi, 16, ascii); // original programme title
        var date = created.ToString("yyMMdd", CultureInfo.InvariantCulture);
        Put(gsi, 224, date); // creation date
        Put(gsi, 230, date); // revision date
        Put(gsi, 236, "00"); // revision number
        Put(gsi, StlFile.TotalGroups, "001");
        Put(gsi, 251, "40"); // maximum characters a row
        Put(gsi, 253, "23"); // maximum rows
        Put(gsi, StlFile.TimeCodeStatus, "1");
        Put(gsi, StlFile.StartOfProgramme, startOfProgramme);
        Put(gsi, 272, "1"); // total number of disks
        Put(gsi, 273, "1"); // disk sequence number
        return gsi;
    }

    private static void Put(byte[] gsi, int at, string value) => Encoding.ASCII.GetBytes(value).CopyTo(gsi, at);
}
