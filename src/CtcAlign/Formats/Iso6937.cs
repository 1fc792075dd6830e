namespace CtcAlign.Formats;

/// <summary>
/// The Latin character code table of EBU STL (character code table 00: ISO/IEC 6937, with the euro sign at 0xA4, a
/// position 6937 leaves unused, as DVB uses it): 0x20-0x7E as ASCII, the supplementary set at 0xA0-0xFF, and the
/// non-spacing diacritics 0xC1-0xCF sent before the letter they go on (0xC2 'e' is é). Pure.
/// </summary>
public static class Iso6937
{
    // 0xA0-0xBF and 0xD0-0xFF; '\0': unused position
    private const string Upper = "\u00A0¡¢£€¥#§¤‘“«←↑→↓°±²³×µ¶·÷’”»¼½¾¿";
    private const string Top = "―¹®©™♪¬¦\0\0\0\0⅛⅜⅝⅞ΩÆĐªĦ\0ĲĿŁØŒºÞŦŊŉĸæđðħıĳŀłøœßþŧŋ\u00AD";

    private static readonly Dictionary<char, byte> Single = BuildSingle();

    /// <summary>True for 0xC1-0xCF, a diacritic that waits for its letter.</summary>
    public static bool IsDiacritic(byte b) => b is >= 0xC1 and <= 0xCF and not 0xCC; // 0xC9 an old umlaut, read as the diaeresis; 0xCC unused

    /// <summary>The character of one byte (0x20-0x7E, 0xA0-0xBF, 0xD0-0xFF), or null for an unused position.</summary>
    public static char? Character(byte b) => b switch
    {
        >= 0x20 and <= 0x7E => (char)b,
        >= 0xA0 and <= 0xBF => Upper[b - 0xA0],
        >= 0xD0 => Top[b - 0xD0] is var c && c != '\0' ? c : null,
        _ => null,
    };

    /// <summary>A diacritic byte and the letter after it as one character (é), or the letter alone when they do not compose.</summary>
    public static char Compose(byte diacritic, char letter) => AccentedLetters.Compose(letter, diacritic - 0xC1) ?? letter;

    /// <summary>The bytes for <paramref name="c"/>: one, or a diacritic and a letter; empty when the table has no way to write it.</summary>
    public static byte[] Encode(char c)
    {
        if (Single.TryGetValue(c, out var b))
            return [b];
        return AccentedLetters.Decompose(c) is { } d ? [(byte)(0xC1 + d.Mark), (byte)d.Letter] : [];
    }

    private static Dictionary<char, byte> BuildSingle()
    {
        var map = new Dictionary<char, byte>();
        for (var b = 0x20; b <= 0xFF; b++)
            if (Character((byte)b) is { } c && !map.ContainsKey(c))
                map[c] = (byte)b;
        return map;
    }
}
