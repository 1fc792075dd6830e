namespace CtcAlign.Text;

/// <summary>
/// Plain Latin spellings of letters a model may lack: special letters ("ß" ss, "æ" ae), ligatures ("ﬁ" fi, "ĳ" ij),
/// accented letters ("é" e) and combining accents (nothing: "e" + U+0301 is "e"). Only these safe ones: a letter of
/// another script (Greek, Cyrillic, CJK, ...) has no plain spelling here.
/// </summary>
internal static class LetterFallback
{
    private static readonly Dictionary<char, string> SpecialLetters = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
        ['ﬀ'] = "ff", ['ﬁ'] = "fi", ['ﬂ'] = "fl", ['ﬃ'] = "ffi", ['ﬄ'] = "ffl", ['ﬅ'] = "st", ['ﬆ'] = "st", ['ĳ'] = "ij",
    };

    private static readonly (char Plain, string Accented)[] AccentedLetters =
    [
        ('a', "àáâãäåāăą"), ('c', "çćĉċč"), ('d', "ď"), ('e', "èéêëēĕėęě"), ('g', "ĝğġģ"), ('h', "ĥħ"),
        ('i', "ìíîïĩīĭįİ"), ('j', "ĵ"), ('k', "ķ"), ('l', "ĺļľŀ"), ('n', "ñńņňŉ"), ('o', "òóôõöōŏő"),
        ('r', "ŕŗř"), ('s', "śŝşšș"), ('t', "ţťŧț"), ('u', "ùúûüũūŭůűų"), ('w', "ŵ"), ('y', "ýÿŷ"), ('z', "źżž"),
    ];

    /// <summary>The plain spelling of <paramref name="ch"/> (compared in lower case; "" for a combining accent), or null when it has none.</summary>
    public static string? For(char ch)
    {
        if (char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark && ch is >= '\u0300' and <= '\u036F')
            return "";
        var lower = char.ToLowerInvariant(ch);
        if (SpecialLetters.TryGetValue(lower, out var f))
            return f;
        // A table, not Unicode decomposition: normalisation is unavailable in globalization-invariant mode.
        foreach (var (plain, accented) in AccentedLetters)
            if (accented.Contains(lower))
                return plain.ToString();
        return null;
    }
}
