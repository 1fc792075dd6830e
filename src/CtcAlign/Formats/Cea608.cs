using System.Globalization;
using System.Numerics;

namespace CtcAlign.Formats;

/// <summary>
/// The CEA-608 (line 21) caption code as SCC files carry it, data channel 1: odd parity; the standard character set
/// (ASCII with its own letters at 0x2A á, 0x5C é, 0x5E í, 0x5F ó, 0x60 ú, 0x7B ç, 0x7C ÷, 0x7D Ñ, 0x7E ñ, 0x7F █); the
/// special characters (0x11 0x30-0x3F) and the extended Spanish/French/misc (0x12) and Portuguese/German/Danish (0x13)
/// characters; preamble address codes (row 1-15, indent or colour/italics, underline); mid-row codes (colour, italics,
/// underline); tab offsets and the miscellaneous commands (RCL, EOC, EDM, ENM, RU2-4, RDC, CR, BS, DER). Pure tables and
/// functions.
/// </summary>
public static class Cea608
{
    public const int Columns = 32;
    public const int Rows = 15;

    public const byte ResumeCaptionLoading = 0x20, Backspace = 0x21, DeleteToEndOfRow = 0x24, RollUp2 = 0x25, RollUp3 = 0x26,
        RollUp4 = 0x27, ResumeDirectCaptioning = 0x29, TextRestart = 0x2A, ResumeTextDisplay = 0x2B, EraseDisplayedMemory = 0x2C,
        CarriageReturn = 0x2D, EraseNonDisplayedMemory = 0x2E, EndOfCaption = 0x2F;

    /// <summary>Colours in the order of the preamble and mid-row codes (null: white).</summary>
    public static readonly IReadOnlyList<string?> Colours = [null, "green", "blue", "cyan", "red", "yellow", "magenta"];

    private const string SpecialCharacters = "®°½¿™¢£♪à\u0000èâêîôû"; // 0x11 0x30-0x3F; 0x39 is the transparent space
    private const string ExtendedSpanishFrench = "ÁÉÓÚÜü‘¡*’—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»"; // 0x12 0x20-0x3F
    private const string ExtendedPortugueseGerman = "ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤¦ÅåØø┌┐└┘"; // 0x13 0x20-0x3F

    private static readonly Dictionary<char, (byte First, byte Second)> Controls = BuildControls();

    /// <summary>The byte with its top bit set so that it has an odd number of ones.</summary>
    public static byte WithParity(byte b) => (byte)(BitOperations.PopCount((uint)(b & 0x7F)) % 2 == 0 ? b & 0x7F | 0x80 : b & 0x7F);

    public static bool HasOddParity(byte b) => BitOperations.PopCount(b) % 2 == 1;

    /// <summary>"9420" for RCL on channel 1: both bytes with parity, as hex.</summary>
    public static string Hex(byte first, byte second) =>
        WithParity(first).ToString("x2", CultureInfo.InvariantCulture) + WithParity(second).ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>A standard character (0x20-0x7F) as text.</summary>
    public static char Standard(byte b) => b switch
    {
        0x2A => 'á', 0x5C => 'é', 0x5E => 'í', 0x5F => 'ó', 0x60 => 'ú', 0x7B => 'ç', 0x7C => '÷', 0x7D => 'Ñ', 0x7E => 'ñ', 0x7F => '█',
        _ => (char)b,
    };

    /// <summary>The special character of 0x11 <paramref name="second"/> (0x30-0x3F); '\0' for the transparent space.</summary>
    public static char Special(byte second) => SpecialCharacters[second - 0x30];

    /// <summary>The extended character of <paramref name="first"/> 0x12 or 0x13 and <paramref name="second"/> 0x20-0x3F.</summary>
    public static char Extended(byte first, byte second) =>
        first == 0x12 ? ExtendedSpanishFrench[second - 0x20] : ExtendedPortugueseGerman[second - 0x20];

    /// <summary>The standard character byte for <paramref name="c"/>, or null when it needs a control pair (or has none).</summary>
    public static byte? StandardByte(char c)
    {
        switch (c)
        {
            case 'á': return 0x2A;
            case 'é': return 0x5C;
            case 'í': return 0x5E;
            case 'ó': return 0x5F;
            case 'ú': return 0x60;
            case 'ç': return 0x7B;
            case '÷': return 0x7C;
            case 'Ñ': return 0x7D;
            case 'ñ': return 0x7E;
            case '█': return 0x7F;
            case '*' or '\\' or '^' or '_' or '`' or '{' or '|' or '}' or '~':
                return null;
        }
        return c is >= ' ' and <= '~' ? (byte)c : null;
    }

    /// <summary>The two-byte code (first byte channel 1: 0x11 special, 0x12/0x13 extended) of a character outside the standard set, if it has one.</summary>
    public static (byte First, byte Second)? ControlFor(char c) => Controls.TryGetValue(c, out var code) ? code : null;

    /// <summary>
    /// What an extended character is sent after (decoders that know it backspace over it): its letter without accents,
    /// else a look-alike; always a standard character.
    /// </summary>
    public static byte FallbackFor(char c)
    {
        if (AccentedLetters.Decompose(c) is { Letter: var letter } && StandardByte(letter) is { } b)
            return b;
        return c switch
        {
            '‘' or '’' => (byte)'\'',
            '“' or '”' or '«' or '»' => (byte)'"',
            '—' or '_' or '~' or '┌' or '┐' or '└' or '┘' => (byte)'-',
            '©' => (byte)'c',
            '{' => (byte)'(',
            '}' => (byte)')',
            '\\' => (byte)'/',
            '|' or '¦' or '¡' => (byte)'!',
            'ß' => (byte)'s',
            'Ø' => (byte)'O',
            'ø' => (byte)'o',
            _ => (byte)'.',
        };
    }

    /// <summary>The preamble address code's two bytes (channel 1) for a row (1-15) and a column indent (0, 4, ... 28), white.</summary>
    public static (byte First, byte Second) IndentCode(int row, int indent, bool underline) =>
        Address(row, 0x10 | (indent / 4) << 1 | (underline ? 1 : 0));

    /// <summary>The preamble address code for a row at column 0 with a colour (index in <see cref="Colours"/>) or italics (white).</summary>
    public static (byte First, byte Second) StyleCode(int row, int colour, bool italic, bool underline) =>
        Address(row, (italic ? 7 : colour) << 1 | (underline ? 1 : 0));

    private static (byte First, byte Second) Address(int row, int code)
    {
        if (row is < 1 or > Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, "CEA-608 rows are 1-15");
        var (first, high) = row switch
        {
            1 => (0x11, false), 2 => (0x11, true), 3 => (0x12, false), 4 => (0x12, true), 5 => (0x15, false), 6 => (0x15, true),
            7 => (0x16, false), 8 => (0x16, true), 9 => (0x17, false), 10 => (0x17, true), 11 => (0x10, false), 12 => (0x13, false),
            13 => (0x13, true), 14 => (0x14, false), _ => (0x14, true),
        };
        return ((byte)first, (byte)(0x40 | (high ? 0x20 : 0) | code));
    }

    /// <summary>
    /// Decodes a preamble address code (first byte 0x10-0x17 with the channel bit cleared, second 0x40-0x7F): its row, and
    /// either an indent or a colour/italics, and underline; null for the unused row-11 half.
    /// </summary>
    public static (int Row, int Indent, CaptionStyle Style)? ReadAddress(byte first, byte second)
    {
        var high = (second & 0x20) != 0;
        int? row = (first & 0x07) switch
        {
            1 => high ? 2 : 1, 2 => high ? 4 : 3, 5 => high ? 6 : 5, 6 => high ? 8 : 7, 7 => high ? 10 : 9,
            0 => high ? null : 11, 3 => high ? 13 : 12, _ => high ? 15 : 14,
        };
        if (row is null)
            return null;
        var code = second & 0x1F;
        var underline = (code & 1) != 0;
        if ((code & 0x10) != 0)
            return (row.Value, (code >> 1 & 7) * 4, new CaptionStyle(false, underline, null));
        var attribute = code >> 1 & 7;
        return (row.Value, 0, attribute == 7 ? new CaptionStyle(true, underline, null) : new CaptionStyle(false, underline, Colours[attribute]));
    }

    /// <summary>The mid-row code (second byte after 0x11) for a colour (index in <see cref="Colours"/>) or, when <paramref name="italic"/>, italics.</summary>
    public static byte MidRowCode(int colour, bool italic, bool underline) => (byte)(0x20 | (italic ? 7 : colour) << 1 | (underline ? 1 : 0));

    /// <summary>The style after a mid-row code: a colour turns italics off; italics keep the colour.</summary>
    public static CaptionStyle ReadMidRow(byte second, CaptionStyle before)
    {
        var attribute = second >> 1 & 7;
        var underline = (second & 1) != 0;
        return attribute == 7 ? before with { Italic = true, Underline = underline } : new CaptionStyle(false, underline, Colours[attribute]);
    }

    public static int ColourIndex(string? colour)
    {
        for (var i = 0; i < Colours.Count; i++)
            if (Colours[i] == colour)
                return i;
        return 0;
    }

    private static Dictionary<char, (byte, byte)> BuildControls()
    {
        var map = new Dictionary<char, (byte, byte)>();
        for (var i = 0; i < 16; i++)
            if (SpecialCharacters[i] != '\0')
                map.TryAdd(SpecialCharacters[i], (0x11, (byte)(0x30 + i)));
        for (var i = 0; i < 32; i++)
        {
            map.TryAdd(ExtendedSpanishFrench[i], (0x12, (byte)(0x20 + i)));
            map.TryAdd(ExtendedPortugueseGerman[i], (0x13, (byte)(0x20 + i)));
        }
        return map;
    }
}
