using System.Text;
using CtcAlign.Alignment;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class StlRoundTripTests
{
    internal static byte[] Gsi(string dfc, int blocks, int subtitles, string startOfProgramme, string firstInCue, string cct = "00")
    {
        var gsi = Enumerable.Repeat((byte)' ', 1024).ToArray();
        void Put(int at, string value) => Encoding.ASCII.GetBytes(value).CopyTo(gsi, at);
        Put(0, "850");
        Put(3, dfc);
        Put(11, "1");
        Put(12, cct);
        Put(14, "09");
        Put(16, "Evening News");
        Put(238, blocks.ToString("00000"));
        Put(243, subtitles.ToString("00000"));
        Put(248, "001");
        Put(251, "40");
        Put(253, "23");
        Put(255, "1");
        Put(256, startOfProgramme);
        Put(264, firstInCue);
        Put(272, "11");
        return gsi;
    }

    internal static byte[] Tti(int sn, byte ebn, (int H, int M, int S, int F) tci, (int H, int M, int S, int F) tco, byte[] text, byte cf = 0, byte vp = 20)
    {
        var block = new byte[128];
        block[1] = (byte)(sn & 0xFF);
        block[2] = (byte)(sn >> 8);
        block[3] = ebn;
        block[5] = (byte)tci.H; block[6] = (byte)tci.M; block[7] = (byte)tci.S; block[8] = (byte)tci.F;
        block[9] = (byte)tco.H; block[10] = (byte)tco.M; block[11] = (byte)tco.S; block[12] = (byte)tco.F;
        block[13] = vp;
        block[14] = 2;
        block[15] = cf;
        Array.Fill(block, (byte)0x8F, 16, 112);
        text.CopyTo(block, 16);
        return block;
    }

    internal static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    internal static byte[] Bytes(params object[] parts) => parts.SelectMany(p => p switch
    {
        string s => Ascii(s),
        byte b => [b],
        int i => [(byte)i],
        byte[] a => a,
        _ => throw new ArgumentException(p.ToString()),
    }).ToArray();

    /// <summary>
    /// Hand-built: a two-row subtitle with ISO 6937 diacritics before their letters (0xC2 e: é, 0xC8 u: ü), ß and € at 0xA4,
    /// italics, double height; a comment; teletext colours and underline; a long subtitle in an extension block; user data.
    /// Times from 10:00:00:00 (TCP), 25 fps.
    /// </summary>
    internal static byte[] Fixture()
    {
        var long1 = string.Concat(Enumerable.Repeat("words ", 18)); // 108 bytes in the first block
        var ttis = new[]
        {
            Tti(1, 0xFF, (10, 0, 1, 0), (10, 0, 3, 12), Bytes(0x0D, "Caf", 0xC2, "e au lait", 0x8A, 0x8A, 0x0D, 0x80, "Gr", 0xC8, "u", 0xFB, "e", 0x81, " ", 0xA4, "5")),
            Tti(2, 0xFF, (10, 0, 3, 12), (10, 0, 4, 0), Ascii("a note for the editor"), cf: 1),
            Tti(3, 0xFF, (10, 0, 4, 5), (10, 0, 6, 0), Bytes(0x01, "Red", 0x07, "white ", 0x82, "under", 0x83, " end"), vp: 22),
            Tti(4, 0x00, (10, 0, 7, 0), (10, 0, 9, 24), Bytes(long1, 0x8A, "And")),
            Tti(4, 0xFF, (10, 0, 7, 0), (10, 0, 9, 24), Ascii(" the rest.")),
            Tti(4, 0xFE, (0, 0, 0, 0), (0, 0, 0, 0), Ascii("user data")),
        };
        return [.. Gsi("STL25.01", ttis.Length, 3, "10000000", "10000100"), .. ttis.SelectMany(t => t)];
    }

    private static MediaAlignment Aligned(CaptionDocument document, IReadOnlyList<(double Start, double End)> times) =>
        SccRoundTripTests.Aligned(document, times);

    [Fact]
    public void Subtitles_are_read_with_their_letters_styling_positions_times_and_programme_start()
    {
        var document = StlReader.Parse(Fixture(), "news.stl");
        Assert.Equal(CaptionFileKind.Stl, document.Kind);
        Assert.Equal(
            [
                ["Café au lait", "<i>Grüße</i> €5"],
                ["<font color=\"red\">Red</font> white <u>under</u> end"],
                [string.Concat(Enumerable.Repeat("words ", 18)).Trim(), "And the rest."],
            ],
            document.Cues.Select(c => c.TextLines));
        Assert.Equal(["vp 20 jc 2", "vp 22 jc 2", "vp 20 jc 2"], document.Cues.Select(c => c.Settings));
        Assert.Equal([(36_001.0, 36_003.48), (36_004.2, 36_006.0), (36_007.0, 36_009.96)], document.Cues.Select(c => (c.Start!.Value, Math.Round(c.End!.Value, 6))));
        Assert.Equal(36_000, document.DeclaredTimecodeBase);
        Assert.Equal(["a note for the editor"], document.Blocks.Single(b => b.Cue is null).Verbatim);
        Assert.Empty(document.Warnings);
        // by content as well as by extension, and again from the text stored with an alignment
        using var folder = new TempFolder();
        var path = folder.Write("news.dat", Fixture());
        Assert.Equal(document.Lines, CaptionReader.ReadDocument(path).Lines);
        Assert.Equal(document.Lines, CaptionReader.Parse(document.Text, "news.dat").Lines);
    }

    [Fact]
    public void Written_back_unchanged_the_file_is_the_same_bytes_and_retimed_only_the_time_codes_change()
    {
        var input = Fixture();
        var document = StlReader.Parse(input, "news.stl");
        var times = document.Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToList();
        using (var same = new MemoryStream())
        {
            StlWriter.Write(same, Aligned(document, times), SubtitleOptions.Default);
            Assert.Equal(input, same.ToArray());
        }
        using var retimed = new MemoryStream();
        StlWriter.Write(retimed, Aligned(document, [(36_001.5, 36_003.0), (36_004.013, 36_005.5), (36_007.25, 36_010.0)]), SubtitleOptions.Default);
        var output = retimed.ToArray();
        Assert.Equal(input.Length, output.Length);
        var changed = Enumerable.Range(0, input.Length).Where(i => input[i] != output[i]).ToList();
        // in the GSI only TCF (first in-cue, bytes 264-271); in the TTI blocks only TCI/TCO (bytes 5-12 of a block)
        Assert.All(changed, i => Assert.True(i is >= 264 and < 272 || i >= 1024 && (i - 1024) % 128 is >= 5 and < 13, $"byte {i} changed"));
        var again = StlReader.Parse(output, "again.stl");
        Assert.Equal(document.Cues.Select(c => c.TextLines), again.Cues.Select(c => c.TextLines));
        Assert.Equal([(36_001.52, 36_003.0), (36_004.0, 36_005.52), (36_007.24, 36_010.0)], // to the frame (25 fps)
            again.Cues.Select(c => (Math.Round(c.Start!.Value, 6), Math.Round(c.End!.Value, 6))));
    }

    [Fact]
    public void A_cue_left_out_leaves_its_blocks_out_and_the_counts_follow()
    {
        var document = StlReader.Parse(Fixture(), "news.stl");
        var media = Aligned(document, document.Cues.Select(c => (c.Start!.Value, c.End!.Value)).ToList());
        media = media with { Segments = media.Segments.Select((s, i) => i == 2 ? s with { Status = SegmentStatus.NotAligned, Start = null, End = null } : s).ToList() };
        using var written = new MemoryStream();
        var report = StlWriter.Write(written, media, SubtitleOptions.Default);
        Assert.Equal(1, report.LeftOut);
        var bytes = written.ToArray();
        Assert.Equal(1024 + 4 * 128, bytes.Length); // subtitles 1 and 3, the comment, the user data
        Assert.Equal("00004", Encoding.ASCII.GetString(bytes, 238, 5));
        Assert.Equal("00002", Encoding.ASCII.GetString(bytes, 243, 5));
        Assert.Equal(2, StlReader.Parse(bytes, "left.stl").Cues.Count);
    }

    [Fact]
    public void Srt_becomes_a_clean_stl_with_its_styling_letters_and_an_hour_based_programme_start()
    {
        var srt = CaptionReader.Parse("1\n10:00:01,000 --> 10:00:03,000\n<i>Crème brûlée</i> for <font color=\"red\">everyone</font>\nœuvre à 5 €\n\n"
            + "2\n10:00:04,000 --> 10:00:05,000\nÆ and a long line that has to be wrapped near the middle\n", "a.srt");
        using var written = new MemoryStream();
        var report = StlWriter.Write(written, Aligned(srt, [(36_001.0, 36_003.0), (36_004.03, 36_005.0)]), SubtitleOptions.Default, new DateTime(2026, 12, 3));
        var bytes = written.ToArray();
        Assert.Equal("STL25.01", Encoding.ASCII.GetString(bytes, 3, 8));
        Assert.Equal("10000000", Encoding.ASCII.GetString(bytes, 256, 8));
        Assert.Equal("261203", Encoding.ASCII.GetString(bytes, 224, 6));
        Assert.Equal("00", Encoding.ASCII.GetString(bytes, 12, 2)); // Latin: ISO 6937 carries every character
        Assert.DoesNotContain("character code table", report.Describe());
        var stl = StlReader.Parse(bytes, "a.stl");
        Assert.Equal(["<i>Crème brûlée</i> for <font color=\"red\">everyone</font>", "œuvre à 5 €"], stl.Cues[0].TextLines);
        Assert.Equal(2, stl.Cues[1].TextLines.Count);
        Assert.All(stl.Cues[1].TextLines, l => Assert.True(l.Length <= StlWriter.RowCharacters, l));
        Assert.StartsWith("Æ and a long line", stl.Cues[1].TextLines[0]);
        Assert.Equal([(36_001.0, 36_003.0), (36_004.04, 36_005.0)], stl.Cues.Select(c => (Math.Round(c.Start!.Value, 6), Math.Round(c.End!.Value, 6))));
        Assert.Equal(36_000, stl.DeclaredTimecodeBase);

        using var ntsc = new MemoryStream();
        StlWriter.Write(ntsc, Aligned(srt, [(1.0, 3.0), (4.0, 5.0)]), SubtitleOptions.Default with { Fps = 29.97 });
        Assert.Equal("STL30.01", Encoding.ASCII.GetString(ntsc.ToArray(), 3, 8));
        Assert.Null(StlReader.Parse(ntsc.ToArray(), "n.stl").DeclaredTimecodeBase); // from 00:00:00:00
    }

    [Theory]
    [InlineData("01", "ISO 8859-5 Cyrillic", "<i>Добрый вечер</i>, Ёжик!", "Щука № 5 - нет, § ещё ў")]
    [InlineData("02", "ISO 8859-6 Arabic", "مساء الخير، يا <i>صديقي</i>", "هل أنت بخير؟ نعم؛ شكرا")]
    [InlineData("03", "ISO 8859-7 Greek", "<i>Καλησπέρα</i> σας, Ελλάδα!", "Ώρα για ειδήσεις· ΐΰ ok")]
    [InlineData("04", "ISO 8859-8 Hebrew", "<i>ערב טוב</i> לכולם", "מה שלומך? טוב, תודה ×÷")]
    public void Clean_stl_takes_the_iso_8859_table_its_text_needs_and_reads_back_the_same_text(string table, string name, string first, string second)
    {
        var srt = CaptionReader.Parse($"1\n00:00:01,000 --> 00:00:03,000\n{first}\n\n2\n00:00:04,000 --> 00:00:05,000\n{second}\n", "a.srt");
        using var written = new MemoryStream();
        var report = StlWriter.Write(written, Aligned(srt, [(1.0, 3.0), (4.03, 5.0)]), SubtitleOptions.Default);
        var bytes = written.ToArray();
        Assert.Equal(table, Encoding.ASCII.GetString(bytes, 12, 2));
        Assert.Contains($"character code table {table} ({name})", report.Describe());
        var stl = StlReader.Parse(bytes, "a.stl");
        Assert.Equal([first, second], stl.Cues.Select(c => string.Join("|", c.TextLines)));
        Assert.Equal([(1.0, 3.0), (4.04, 5.0)], stl.Cues.Select(c => (Math.Round(c.Start!.Value, 6), Math.Round(c.End!.Value, 6))));
        // the 8859 upper half only: no text byte falls among the STL control codes 0x80-0x9F except the italics codes
        var text = bytes.Skip(1024).Chunk(128).SelectMany(b => b.Skip(16).Take(112)).Where(b => b is >= 0x84 and <= 0x9F and not 0x8A and not 0x8F);
        Assert.Empty(text);
    }

    /// <summary>
    /// Hebrew and Arabic are stored in logical order (the order they are read and typed), as Tech 3264 names only the ISO
    /// 8859 tables and the tools that read and write STL (Subtitle Edit, ttconv) decode the bytes as they come: bytes
    /// computed by hand from ISO 8859-8 (א = 0xE0: ע 0xF2, ר 0xF8, ב 0xE1) and 8859-6 (ء = 0xC1: ع 0xD9, ر 0xD1, ب 0xC8).
    /// </summary>
    [Theory]
    [InlineData("ערב 12 ok", new byte[] { 0xF2, 0xF8, 0xE1, 0x20, 0x31, 0x32, 0x20, 0x6F, 0x6B })]
    [InlineData("عرب 12 ok", new byte[] { 0xD9, 0xD1, 0xC8, 0x20, 0x31, 0x32, 0x20, 0x6F, 0x6B })]
    public void Right_to_left_text_is_stored_in_logical_order(string line, byte[] stored)
    {
        var srt = CaptionReader.Parse($"1\n00:00:01,000 --> 00:00:03,000\n{line}\n", "rtl.srt");
        using var written = new MemoryStream();
        StlWriter.Write(written, Aligned(srt, [(1.0, 3.0)]), SubtitleOptions.Default);
        var field = written.ToArray().Skip(1024 + 16).Take(112).ToArray();
        Assert.True(field.AsSpan().IndexOf(stored) >= 0, Convert.ToHexString(field));
        Assert.Equal([line], StlReader.Parse(written.ToArray(), "rtl.stl").Lines.Select(l => l.Text));
    }

    [Fact]
    public void Clean_stl_refuses_text_that_no_table_carries_and_names_the_characters()
    {
        var mixed = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:03,000\nДобрый вечер\n\n2\n00:00:04,000 --> 00:00:05,000\nΚαλησπέρα ☃\n", "a.srt");
        var ex = Assert.Throws<CaptionFormatException>(() => StlWriter.Write(new MemoryStream(), Aligned(mixed, [(1.0, 3.0), (4.0, 5.0)]), SubtitleOptions.Default));
        Assert.DoesNotContain("\n", ex.Message);
        Assert.Contains("no character code table", ex.Message);
        Assert.Contains("'☃' U+2603", ex.Message);
        Assert.Contains("'α' U+03B1", ex.Message); // the closest table, Cyrillic, has no Greek
        Assert.DoesNotContain("'Д'", ex.Message);
        // Latin and Cyrillic letters together: Cyrillic carries the ASCII, not é
        var latin = CaptionReader.Parse("1\n00:00:01,000 --> 00:00:03,000\nCafé Добрый\n", "b.srt");
        var refused = Assert.Throws<CaptionFormatException>(() => StlWriter.Write(new MemoryStream(), Aligned(latin, [(1.0, 3.0)]), SubtitleOptions.Default));
        Assert.Contains("'é' U+00E9", refused.Message);
    }

    [Fact]
    public void Damaged_files_stop_with_one_line()
    {
        var good = Fixture();
        void Refused(byte[] bytes, string why)
        {
            var ex = Assert.Throws<CaptionFormatException>(() => StlReader.Parse(bytes, "bad.stl"));
            Assert.Contains(why, ex.Message);
            Assert.StartsWith("bad.stl: ", ex.Message);
        }
        Refused(good[..700], "truncated GSI block (700 bytes");
        Refused(good[..(1024 + 3 * 128 + 50)], "truncated TTI block");
        Refused(good[..(1024 + 4 * 128)], "truncated TTI blocks (subtitle 4 goes on in extension blocks");
        Refused(good[..1024], "no TTI blocks");
        var badFrame = (byte[])good.Clone();
        badFrame[1024 + 8] = 25;
        Refused(badFrame, "subtitle 1 (TTI block 1): time code 10:00:01:25 does not exist at 25 fps");
        var badFormat = (byte[])good.Clone();
        Encoding.ASCII.GetBytes("STL99.01").CopyTo(badFormat, 3);
        Refused(badFormat, "disk format code 'STL99.01'");
        var badTable = (byte[])good.Clone();
        Encoding.ASCII.GetBytes("07").CopyTo(badTable, 12);
        Refused(badTable, "character code table '07'");
        var onlyComment = Bytes(Gsi("STL25.01", 1, 0, "00000000", "00000000"), Tti(1, 0xFF, (0, 0, 1, 0), (0, 0, 2, 0), Ascii("x"), cf: 1));
        Refused(onlyComment, "no subtitles");
        using var folder = new TempFolder();
        var ex = Assert.Throws<CaptionFormatException>(() => CaptionReader.ReadDocument(folder.Write("short.stl", good[..10])));
        Assert.Contains("truncated GSI block", ex.Message);
    }

    [Fact]
    public void The_start_of_programme_a_file_declares_is_the_caption_base_when_the_cues_fit_after_it()
    {
        var lines = new List<CaptionLine> { new(0, "a", 35_975, 35_977), new(1, "b", 36_030, 36_032) };
        Assert.Equal(35_970, ProgrammeTimeline.DetectCaptionBase(lines, 90, declaredBase: 35_970)); // 09:59:30:00
        Assert.Equal(32_400, ProgrammeTimeline.DetectCaptionBase(lines, 3700, declaredBase: 36_000)); // cues before it: the hour
        Assert.Equal(0, ProgrammeTimeline.DetectCaptionBase(lines, 40_000, declaredBase: 35_970)); // on the audio's timeline
    }

    [Fact]
    public void Cyrillic_table_01_is_read_as_iso_8859_5()
    {
        var bytes = Bytes(Gsi("STL25.01", 1, 1, "00000000", "00000000", cct: "01"), Tti(1, 0xFF, (0, 0, 1, 0), (0, 0, 2, 0), Bytes(0xB4, 0xD0, 0x20, "ok")));
        Assert.Equal(["Да ok"], StlReader.Parse(bytes, "ru.stl").Cues[0].TextLines);
    }
}
