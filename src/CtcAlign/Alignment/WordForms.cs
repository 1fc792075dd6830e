namespace CtcAlign.Alignment;

/// <summary>
/// Caption words as scoring tools want them: "them," -> "them", "(Naomi)" -> "Naomi", "well-known" -> "well" + "known".
/// Pure string rules; the times of the parts come from the aligner (<see cref="PartFrames"/>).
/// </summary>
public static class WordForms
{
    /// <summary>Characters spoken as words ("10%", "#1", "AT&amp;T") are kept at the edges; other punctuation is removed.</summary>
    private static bool IsEdgePunctuation(char c) => char.IsPunctuation(c) && c is not ('%' or '#' or '&' or '@');

    /// <summary>
    /// The word without leading and trailing punctuation. A final period stays on abbreviations with an inner one
    /// ("U.S.", "e.g."), goes from the others ("Dr." -> "Dr", "end." -> "end").
    /// </summary>
    public static string Bare(string word)
    {
        int start = 0, end = word.Length;
        while (start < end && IsEdgePunctuation(word[start]))
            start++;
        while (end > start && IsEdgePunctuation(word[end - 1]))
            end--;
        var bare = word[start..end];
        if (end < word.Length && word[end] == '.' && bare.Contains('.') && bare.Length > 1)
            bare += ".";
        return bare;
    }

    /// <summary>Hyphens and dashes that join the pieces of a compound ("well-known", "1990–2000").</summary>
    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    /// <summary>The pieces of a hyphenated compound, each <see cref="Bare"/>, empty pieces dropped; one piece when it is none.</summary>
    public static IReadOnlyList<string> HyphenPieces(string word)
    {
        var bare = Bare(word);
        if (!bare.Any(IsHyphen))
            return [bare];
        var pieces = new List<string>();
        var from = 0;
        for (var i = 0; i <= bare.Length; i++)
        {
            if (i < bare.Length && !IsHyphen(bare[i]))
                continue;
            var piece = Bare(bare[from..i]);
            if (piece.Length > 0)
                pieces.Add(piece);
            from = i + 1;
        }
        return pieces.Count > 0 ? pieces : [bare];
    }

    /// <summary>
    /// Frames <c>[Start, End)</c> of each piece of a hyphenated caption word, from the frames of its spoken words
    /// in order (<paramref name="spokenWordFrames"/>; "well-known" is spoken "well" "known", "COVID-19" "covid"
    /// "nineteen"). Each piece owns as many spoken words as <paramref name="speak"/> gives it; null when the word is
    /// not a compound or the counts do not add up (then the word stays whole).
    /// </summary>
    public static IReadOnlyList<(string Piece, int StartFrame, int EndFrame)>? PartFrames(
        string captionWord, IReadOnlyList<(int StartFrame, int EndFrame)> spokenWordFrames, Func<string, int> speak)
    {
        var pieces = HyphenPieces(captionWord);
        if (pieces.Count < 2)
            return null;
        var counts = pieces.Select(speak).ToArray();
        if (counts.Any(c => c < 1) || counts.Sum() != spokenWordFrames.Count)
            return null;
        var parts = new List<(string, int, int)>(pieces.Count);
        var k = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            var first = spokenWordFrames[k];
            var last = spokenWordFrames[k + counts[p] - 1];
            parts.Add((pieces[p], first.StartFrame, last.EndFrame));
            k += counts[p];
        }
        return parts;
    }
}
