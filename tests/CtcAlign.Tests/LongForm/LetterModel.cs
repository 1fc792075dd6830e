using CtcAlign.LongForm;
using CtcAlign.Text;

namespace CtcAlign.Tests.LongForm;

/// <summary>A letter vocabulary (blank, "|", apostrophe, a-z) and a tokenizer for it: the test stand-in for the model and TextNormalizer.</summary>
internal static class LetterModel
{
    public static readonly Vocabulary Vocabulary =
        Vocabulary.FromTokens(["<pad>", "|", "'", .. Enumerable.Range('a', 26).Select(c => ((char)c).ToString())]);

    public const int Blank = 0;
    public const int Delimiter = 1;

    public static int TokenOf(char c) => c == '\'' ? 2 : 3 + (c - 'a');

    /// <summary>Lower-case letters and apostrophes of each word; words with none are dropped; "|" between words.</summary>
    public static TokenizedText Tokenize(string text)
    {
        var words = new List<string>();
        var normalized = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or '\'').ToArray());
            if (letters.Length == 0)
                continue;
            words.Add(word);
            normalized.Add(letters);
        }
        var tokens = new List<int>();
        var links = new List<int>();
        for (var w = 0; w < normalized.Count; w++)
        {
            if (w > 0)
            {
                tokens.Add(Delimiter);
                links.Add(-1);
            }
            foreach (var c in normalized[w])
            {
                tokens.Add(TokenOf(c));
                links.Add(w);
            }
        }
        return new TokenizedText(string.Join(' ', normalized), tokens.ToArray(), links.ToArray(), words);
    }
}
