namespace CtcAlign.Formats;

/// <summary>
/// The accented Latin letters of ISO 6937 as a base letter and one diacritic, both ways, from a table (the program runs
/// with invariant globalization, where Unicode normalization does not compose or decompose). Diacritics are numbered as
/// ISO 6937's non-spacing bytes 0xC1-0xCF: 0 grave, 1 acute, 2 circumflex, 3 tilde, 4 macron, 5 breve, 6 dot above,
/// 7 diaeresis, 9 ring, 10 cedilla, 12 double acute, 13 ogonek, 14 caron. Pure.
/// </summary>
public static class AccentedLetters
{
    /// <summary>Per diacritic, base letters each followed by the letter they make.</summary>
    private static readonly string[] Pairs =
    [
        "AÀEÈIÌOÒUÙaàeèiìoòuù",
        "AÁCĆEÉIÍLĹNŃOÓRŔSŚUÚYÝZŹaácćeégǵiílĺnńoórŕsśuúyýzź",
        "AÂCĈEÊGĜHĤIÎJĴOÔSŜUÛWŴYŶaâcĉeêgĝhĥiîjĵoôsŝuûwŵyŷ",
        "AÃIĨNÑOÕUŨaãiĩnñoõuũ",
        "AĀEĒIĪOŌUŪaāeēiīoōuū",
        "AĂGĞUŬaăgğuŭ",
        "CĊEĖGĠIİZŻcċeėgġzż",
        "AÄEËIÏOÖUÜYŸaäeëiïoöuüyÿ",
        "",
        "AÅUŮaåuů",
        "CÇGĢKĶLĻNŅRŖSŞTŢcçgģkķlļnņrŗsştţ",
        "",
        "OŐUŰoőuű",
        "AĄEĘIĮUŲaąeęiįuų",
        "CČDĎEĚLĽNŇRŘSŠTŤZŽcčdďeělľnňrřsštťzž",
    ];

    private static readonly Dictionary<(char, int), char> Composed = [];
    private static readonly Dictionary<char, (char, int)> Decomposed = [];

    static AccentedLetters()
    {
        for (var mark = 0; mark < Pairs.Length; mark++)
            for (var i = 0; i + 1 < Pairs[mark].Length; i += 2)
            {
                Composed[(Pairs[mark][i], mark)] = Pairs[mark][i + 1];
                Decomposed[Pairs[mark][i + 1]] = (Pairs[mark][i], mark);
            }
    }

    public const int MarkCount = 15;

    /// <summary>The letter <paramref name="letter"/> with diacritic <paramref name="mark"/> (é from e and 1), or null when there is none.</summary>
    public static char? Compose(char letter, int mark) =>
        Composed.TryGetValue((letter, mark == 8 ? 7 : mark), out var c) ? c : null;

    /// <summary>An accented letter as its base letter and diacritic (é: e, 1), or null for any other character.</summary>
    public static (char Letter, int Mark)? Decompose(char c) => Decomposed.TryGetValue(c, out var d) ? d : null;
}
