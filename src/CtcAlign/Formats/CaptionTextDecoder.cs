using System.Text;

namespace CtcAlign.Formats;

/// <summary>
/// Turns the bytes of a caption file into text: a byte-order mark (UTF-8, UTF-16 LE/BE) wins, then BOM-less
/// UTF-16 (every other byte zero), then strict UTF-8, else Windows-1252 (Latin-1 with the 0x80-0x9F
/// punctuation). Binary data and empty files are rejected with the file name.
/// </summary>
public static class CaptionTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Windows-1252 code points for bytes 0x80-0x9F (0 = undefined: kept as the C1 control, like Latin-1).
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Reads and decodes a caption file; <paramref name="path"/> names it in errors.</summary>
    public static string ReadFile(string path) => Decode(ReadBytes(path), path);

    /// <summary>A caption file's bytes; a missing or unreadable file is a one-line <see cref="CaptionFormatException"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path))
            throw new CaptionFormatException($"{path}: caption file not found");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CaptionFormatException($"{path}: cannot read caption file: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes caption bytes; <paramref name="source"/> names the file in errors.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.IsEmpty)
            throw new CaptionFormatException($"{source}: empty caption file");
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            text = DecodeUtf8OrThrow(bytes[3..], source);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            text = DecodeUtf16(bytes[2..], bigEndian: false, source);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            text = DecodeUtf16(bytes[2..], bigEndian: true, source);
        else if (LooksLikeUtf16(bytes, out var bigEndian))
            text = DecodeUtf16(bytes, bigEndian, source);
        else
        {
            RejectBinary(bytes, source);
            text = TryDecodeUtf8(bytes) ?? DecodeWindows1252(bytes);
        }

        RejectBinary(text, source);
        if (string.IsNullOrWhiteSpace(text))
            throw new CaptionFormatException($"{source}: empty caption file");
        return text;
    }

    private static string? TryDecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string DecodeUtf8OrThrow(ReadOnlySpan<byte> bytes, string source) =>
        TryDecodeUtf8(bytes) ?? throw new CaptionFormatException($"{source}: has a UTF-8 byte-order mark but is not valid UTF-8");

    private static string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian, string source)
    {
        if (bytes.Length % 2 != 0)
            throw new CaptionFormatException($"{source}: UTF-16 text with an odd number of bytes ({bytes.Length})");
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CaptionFormatException($"{source}: is not valid UTF-16 text");
        }
    }

    private static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
        }
        return new string(chars);
    }

    /// <summary>BOM-less UTF-16: in the first bytes, the zeros sit on one parity only (ASCII text in UTF-16).</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var n = Math.Min(bytes.Length, 512) & ~1;
        if (n < 4)
            return false;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        var pairs = n / 2;
        if (oddZeros >= pairs * 0.6 && evenZeros == 0)
            return true;
        if (evenZeros >= pairs * 0.6 && oddZeros == 0)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    private static void RejectBinary(ReadOnlySpan<byte> bytes, string source)
    {
        var i = bytes.IndexOf((byte)0);
        if (i >= 0)
            throw new CaptionFormatException($"{source}: not a text file (binary data at byte {i})");
    }

    private static void RejectBinary(string text, string source)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
                throw new CaptionFormatException($"{source}: not a text file (NUL character)");
            if (c < ' ' && c is not ('\n' or '\r' or '\t' or '\f'))
                controls++;
        }
        if (controls > 8 && controls > text.Length / 100)
            throw new CaptionFormatException($"{source}: not a text file ({controls} control characters)");
    }
}
