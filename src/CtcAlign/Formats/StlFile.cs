namespace CtcAlign.Formats;

/// <summary>
/// An EBU STL file (EBU Tech 3264) as blocks: the 1024-byte GSI block and the subtitles, each its 128-byte TTI blocks
/// as read (the first, its extension blocks up to the one with EBN 0xFF, or a user-data block of its own), so that a
/// writer can change their times and nothing else.
/// </summary>
public sealed record StlFile(byte[] Gsi, int FramesPerSecond, IReadOnlyList<StlFile.Subtitle> Subtitles)
{
    /// <summary>One subtitle: its TTI blocks, its subtitle number (SN), whether it is a comment (CF 1) or user data (EBN 0xFE), and its times in seconds.</summary>
    public sealed record Subtitle(IReadOnlyList<byte[]> Blocks, int Number, bool IsComment, bool IsUserData, double Start, double End, int FirstBlock);

    /// <summary>The subtitles shown on screen (not comments, not user data), in file order: the cues of the caption document.</summary>
    public IEnumerable<Subtitle> Shown => Subtitles.Where(s => !s.IsComment && !s.IsUserData);

    // GSI fields: offset and length (EBU Tech 3264, section 3)
    public const int DiskFormatCode = 3, DisplayStandardCode = 11, CharacterCodeTable = 12, TotalBlocks = 238, TotalSubtitles = 243,
        TotalGroups = 248, TimeCodeStatus = 255, StartOfProgramme = 256, FirstInCue = 264;

    /// <summary>The GSI character code tables other than 00 (Latin, ISO 6937): their code, .NET code page and name.</summary>
    public static readonly IReadOnlyList<(string Code, int CodePage, string Name)> Iso8859Tables =
        [("01", 28595, "ISO 8859-5 Cyrillic"), ("02", 28596, "ISO 8859-6 Arabic"), ("03", 28597, "ISO 8859-7 Greek"), ("04", 28598, "ISO 8859-8 Hebrew")];

    /// <summary>Bytes 0-15 of a TTI block (SGN, SN, EBN, CS, TCI, TCO, VP, JC, CF), then the 112-byte text field.</summary>
    public const int TimeCodeIn = 5, TimeCodeOut = 9, VerticalPosition = 13, Justification = 14, CommentFlag = 15, TextField = 16, TextLength = 112;
}
