using System.Text;
using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public class CaptionReaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Plain_text_is_one_caption_per_non_blank_line()
    {
        var path = _dir.Write("t.txt", "First line.\r\n\r\n  Second   line  \n\n");
        Assert.Equal([new CaptionLine(0, "First line."), new CaptionLine(1, "Second line")], CaptionReader.Read(path));
    }

    [Fact]
    public void Chooses_the_reader_by_extension_then_content()
    {
        var srt = "1\n00:00:01,000 --> 00:00:02,000\nHi\n";
        Assert.Equal(1.0, CaptionReader.Read(_dir.Write("a.srt", srt))[0].Start);
        Assert.Equal(1.0, CaptionReader.Read(_dir.Write("a.captions", srt))[0].Start);
        Assert.Equal(1.0, CaptionReader.Read(_dir.Write("b.subs", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"))[0].Start);
        Assert.Null(CaptionReader.Read(_dir.Write("c.txt", "just text --> with an arrow\n"))[0].Start);
    }

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "utf8-bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Café ’quoted’\n")] },
        { "utf8", Encoding.UTF8.GetBytes("Café ’quoted’\n") },
        { "utf16le-bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Café ’quoted’\n")] },
        { "utf16be-bom", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("Café ’quoted’\n")] },
        { "utf16le", Encoding.Unicode.GetBytes("Café ’quoted’\n") },
        { "cp1252", [(byte)'C', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x92, (byte)'q', (byte)'u', (byte)'o', (byte)'t', (byte)'e', (byte)'d', 0x92, (byte)'\n'] },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Detects_the_encoding(string name, byte[] bytes)
    {
        var path = _dir.Write(name + ".txt", bytes);
        Assert.Equal("Café ’quoted’", Assert.Single(CaptionReader.Read(path)).Text);
    }

    [Fact]
    public void Empty_blank_binary_and_missing_files_are_one_line_errors()
    {
        var empty = _dir.Write("empty.srt", "");
        var blank = _dir.Write("blank.srt", " \r\n\r\n");
        var binary = _dir.Write("image.srt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0x10]);
        var missing = _dir.File("missing.srt");
        Assert.Equal($"{empty}: empty caption file", Assert.Throws<CaptionFormatException>(() => CaptionReader.Read(empty)).Message);
        Assert.Equal($"{blank}: empty caption file", Assert.Throws<CaptionFormatException>(() => CaptionReader.Read(blank)).Message);
        Assert.Equal($"{binary}: not a text file (binary data at byte 8)", Assert.Throws<CaptionFormatException>(() => CaptionReader.Read(binary)).Message);
        Assert.Equal($"{missing}: caption file not found", Assert.Throws<CaptionFormatException>(() => CaptionReader.Read(missing)).Message);
    }

    [Fact]
    public void Odd_length_utf16_is_rejected()
    {
        var path = _dir.Write("odd.txt", [0xFF, 0xFE, 0x41, 0x00, 0x42]);
        Assert.Equal($"{path}: UTF-16 text with an odd number of bytes (3)", Assert.Throws<CaptionFormatException>(() => CaptionReader.Read(path)).Message);
    }
}
