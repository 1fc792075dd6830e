using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CtcAlign.Text;

/// <summary>
/// Turns English caption text into the token sequence a CTC model can align: case folded to the vocabulary,
/// punctuation removed, numbers and symbols spoken as words ("1995" nineteen ninety five, "$20" twenty dollars,
/// "Dr." doctor), accents stripped when the model lacks them, and word delimiters between spoken words.
/// Every token remembers its caption word (see <see cref="NormalizedText"/>).
/// </summary>
public sealed partial class TextNormalizer
{
    private static readonly Dictionary<string, string> AbbreviationsWithPeriod = new(StringComparer.Ordinal)
    {
        ["dr"] = "doctor", ["mr"] = "mister", ["mrs"] = "missus", ["ms"] = "miss", ["prof"] = "professor",
        ["jr"] = "junior", ["sr"] = "senior", ["etc"] = "et cetera", ["vs"] = "versus", ["mt"] = "mount",
        ["ave"] = "avenue", ["rd"] = "road", ["approx"] = "approximately", ["dept"] = "department",
        ["govt"] = "government", ["lt"] = "lieutenant", ["sgt"] = "sergeant", ["capt"] = "captain",
        ["e.g"] = "for example", ["i.e"] = "that is", ["no"] = "number", ["st"] = "saint",
    };

    /// <summary>Abbreviations also read when written without a period (British style "Mr Smith").</summary>
    private static readonly HashSet<string> AbbreviationsWithoutPeriod = ["dr", "mr", "mrs", "ms", "st", "etc", "vs", "jr", "sr", "prof"];

    private static readonly Dictionary<char, string> Symbols = new()
    {
        ['&'] = "and", ['+'] = "plus", ['@'] = "at", ['='] = "equals", ['%'] = "percent", ['#'] = "number",
        ['°'] = "degrees", ['×'] = "times",
    };

    private readonly int? _wildcardId;

    public TextNormalizer(Vocabulary vocabulary, TextNormalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Vocabulary = vocabulary;
        Options = options ?? TextNormalizerOptions.Default;
        if (Options.UnknownCharacters == UnknownCharacterPolicy.Wildcard)
        {
            if (Options.WildcardToken is null || !vocabulary.TryGetIndex(Options.WildcardToken, out var id))
                throw new ArgumentException(
                    $"Wildcard token '{Options.WildcardToken}' is not in the vocabulary; name one of its tokens or use UnknownCharacterPolicy.Drop.",
                    nameof(options));
            _wildcardId = id;
        }
    }

    public Vocabulary Vocabulary { get; }

    public TextNormalizerOptions Options { get; }

    /// <summary>Normalises one caption line (or any text); never throws on odd characters, it warns instead.</summary>
    public NormalizedText Normalize(string captionText)
    {
        ArgumentNullException.ThrowIfNull(captionText);
        var captionWords = captionText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var spoken = new List<SpokenWord>();
        var ids = new List<int>();
        var links = new List<int>();
        var warnings = new List<string>();
        var delimiter = Vocabulary.WordDelimiterIndex;

        for (var w = 0; w < captionWords.Length; w++)
        {
            var previous = w > 0 ? captionWords[w - 1] : null;
            var next = w + 1 < captionWords.Length ? captionWords[w + 1] : null;
            foreach (var word in Speak(captionWords[w], previous, next, Options))
            {
                var start = ids.Count;
                var delimiterAdded = false;
                if (delimiter is { } d && spoken.Count > 0)
                {
                    ids.Add(d);
                    links.Add(-1);
                    delimiterAdded = true;
                    start++;
                }
                Spell(word, w, captionWords[w], ids, links, warnings);
                if (ids.Count == start)
                {
                    if (delimiterAdded)
                    {
                        ids.RemoveAt(ids.Count - 1);
                        links.RemoveAt(links.Count - 1);
                    }
                    continue;
                }
                spoken.Add(new SpokenWord(word, w, start, ids.Count));
            }
        }
        return new NormalizedText(captionText, captionWords, spoken, ids.ToArray(), links.ToArray(), warnings);
    }

    /// <summary>
    /// The spoken words (lower case) for one caption word. The neighbouring caption words resolve "No. 5", "St." and
    /// "$2 million" (the currency is said after the scale word: "two million dollars").
    /// </summary>
    public static IReadOnlyList<string> Speak(string captionWord, string? previousWord = null, string? nextWord = null,
        TextNormalizerOptions? options = null)
    {
        options ??= TextNormalizerOptions.Default;
        var lower = Bare(captionWord);
        var key = lower.TrimEnd('.');

        if (ScaleWords.Contains(key) && previousWord is not null && CurrencyPattern().Match(Bare(previousWord)) is { Success: true } cur)
            return [key, CurrencyPlural(cur.Groups[1].Value[0])];
        if (nextWord is not null && ScaleWords.Contains(Bare(nextWord).TrimEnd('.')) && CurrencyPattern().Match(lower) is { Success: true } amount)
        {
            var digits = amount.Groups[2].Value;
            var fraction = amount.Groups[3].Value;
            return fraction.Length > 0
                ? EnglishNumberReader.Decimal(digits, fraction, options.SayAndInNumbers)
                : EnglishNumberReader.Cardinal(digits, options.SayAndInNumbers);
        }

        if (lower.EndsWith('.') || AbbreviationsWithoutPeriod.Contains(key))
        {
            if (key == "no" && !(nextWord is { Length: > 0 } && char.IsAsciiDigit(nextWord.TrimStart('#')[0])))
                return ["no"];
            if (key == "st")
                return [nextWord is { Length: > 0 } && char.IsUpper(nextWord[0]) ? "saint" : "street"];
            if (AbbreviationsWithPeriod.TryGetValue(key, out var expansion))
                return expansion.Split(' ');
        }
        if (InitialismPattern().IsMatch(lower))
            return lower.Split('.', StringSplitOptions.RemoveEmptyEntries);

        var words = new List<string>();
        foreach (Match m in PiecePattern().Matches(lower.TrimEnd('.')))
            words.AddRange(SpeakPiece(m, options));
        return words;
    }

    private static IEnumerable<string> SpeakPiece(Match m, TextNormalizerOptions o)
    {
        var g = m.Groups;
        if (g["cur"].Success)
            return Currency(g["cur"].Value[0], g["cnum"].Value, g["cfrac"].Value, g["cscale"].Value, o.SayAndInNumbers);
        if (g["h"].Success)
        {
            var words = EnglishNumberReader.Cardinal(g["h"].Value, false);
            var minutes = int.Parse(g["mi"].Value, CultureInfo.InvariantCulture);
            if (minutes == 0)
                words.Add("o'clock");
            else
            {
                if (minutes < 10)
                    words.Add("oh");
                words.AddRange(EnglishNumberReader.Cardinal(minutes, false));
            }
            if (g["ampm"].Success)
                words.AddRange([g["ampm"].Value[0].ToString(), "m"]);
            return words;
        }
        if (g["ord"].Success)
            return EnglishNumberReader.Ordinal(g["ord"].Value);
        if (g["dec"].Success)
            return EnglishNumberReader.Decade(g["dec"].Value, o.SayAndInNumbers);
        if (g["int"].Success)
        {
            var words = new List<string>();
            if (g["neg"].Success)
                words.Add("minus");
            var digits = g["int"].Value;
            if (g["frac"].Success)
                words.AddRange(EnglishNumberReader.Decimal(digits, g["frac"].Value, o.SayAndInNumbers));
            else if (o.ReadYears && !g["neg"].Success && !g["pct"].Success && EnglishNumberReader.IsYear(digits))
                words.AddRange(EnglishNumberReader.Year(digits));
            else
                words.AddRange(EnglishNumberReader.Cardinal(digits, o.SayAndInNumbers));
            if (g["pct"].Success)
                words.Add("percent");
            return words;
        }
        if (g["letters"].Success)
            return [g["letters"].Value];
        return Symbols.TryGetValue(g["sym"].Value[0], out var s) ? [s] : [];
    }

    private static readonly HashSet<string> ScaleWords = ["thousand", "million", "billion", "trillion"];

    private static string CurrencyPlural(char symbol) => symbol switch { '£' => "pounds", '€' => "euros", _ => "dollars" };

    /// <summary>Lower case, curly quotes straightened, surrounding punctuation removed (a final period is kept).</summary>
    private static string Bare(string captionWord) =>
        CleanQuotes(captionWord)
            .Trim('"', '(', ')', '[', ']', '{', '}', '¿', '¡', '«', '»', '*', ',', ';', ':', '!', '?', '…', '\'', '_', '~')
            .ToLowerInvariant();

    private static List<string> Currency(char symbol, string number, string fraction, string scale, bool sayAnd)
    {
        var (one, many, cent, cents) = symbol switch
        {
            '£' => ("pound", "pounds", "penny", "pence"),
            '€' => ("euro", "euros", "cent", "cents"),
            _ => ("dollar", "dollars", "cent", "cents"),
        };
        var scaleWord = scale switch
        {
            "k" or "thousand" => "thousand",
            "m" or "million" => "million",
            "bn" or "billion" => "billion",
            "trillion" => "trillion",
            _ => null,
        };
        var digits = number.Replace(",", "", StringComparison.Ordinal);
        if (scaleWord is not null || (fraction.Length > 0 && fraction.Length != 2))
        {
            var words = fraction.Length > 0
                ? EnglishNumberReader.Decimal(digits, fraction, sayAnd)
                : EnglishNumberReader.Cardinal(digits, sayAnd);
            if (scaleWord is not null)
                words.Add(scaleWord);
            words.Add(many);
            return words;
        }
        var result = new List<string>();
        var whole = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var centsValue = fraction.Length == 2 ? int.Parse(fraction, CultureInfo.InvariantCulture) : 0;
        if (whole != 0 || centsValue == 0)
        {
            result.AddRange(EnglishNumberReader.Cardinal(digits, sayAnd));
            result.Add(whole == 1 ? one : many);
        }
        if (centsValue > 0)
        {
            result.AddRange(EnglishNumberReader.Cardinal(centsValue, sayAnd));
            result.Add(centsValue == 1 ? cent : cents);
        }
        return result;
    }

    /// <summary>Appends the tokens of one spoken word, applying case, accent stripping and the unknown-character policy.</summary>
    private void Spell(string word, int captionWordIndex, string captionWord, List<int> ids, List<int> links, List<string> warnings)
    {
        foreach (var ch in word)
        {
            if (TryToken(ch, out var id))
            {
                ids.Add(id);
                links.Add(captionWordIndex);
                continue;
            }
            var fallback = LetterFallback.For(ch);
            if (fallback is not null && fallback.All(c => TryToken(c, out _)))
            {
                foreach (var c in fallback)
                {
                    TryToken(c, out var fid);
                    ids.Add(fid);
                    links.Add(captionWordIndex);
                }
                continue;
            }
            if (ch == '\'')
                continue; // an apostrophe the model cannot spell is punctuation, not a sound
            if (_wildcardId is { } wild)
            {
                ids.Add(wild);
                links.Add(captionWordIndex);
                warnings.Add($"Caption word {captionWordIndex} ('{captionWord}'): '{ch}' is not in the vocabulary; mapped to '{Options.WildcardToken}'.");
            }
            else
                warnings.Add($"Caption word {captionWordIndex} ('{captionWord}'): '{ch}' is not in the vocabulary; dropped.");
        }
    }

    private bool TryToken(char ch, out int id)
    {
        var cased = Vocabulary.IsUpperCase ? char.ToUpperInvariant(ch) : char.ToLowerInvariant(ch);
        return Vocabulary.TryGetIndex(cased.ToString(), out id) || Vocabulary.TryGetIndex(ch.ToString(), out id);
    }

    private static string CleanQuotes(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            sb.Append(c switch
            {
                '\u2019' or '\u2018' or '\u02BC' or '`' => '\'',
                '\u201C' or '\u201D' or '\u201E' => '"',
                '\u2212' or '\u2013' or '\u2014' => '-',
                _ => c,
            });
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^([$£€])(\d[\d,]*)(?:\.(\d+))?\.?$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^(?:\p{L}\.){2,}$")]
    private static partial Regex InitialismPattern();

    [GeneratedRegex(
        @"(?<cur>[$£€])(?<cnum>\d[\d,]*)(?:\.(?<cfrac>\d+))?(?<cscale>thousand|million|billion|trillion|bn|k|m)?(?!\p{L})" +
        @"|(?<h>\d{1,2}):(?<mi>\d{2})(?<ampm>[ap]\.?m\.?)?(?!\p{L})" +
        @"|(?<ord>\d+)(?:st|nd|rd|th)(?!\p{L})" +
        @"|'?(?<dec>\d{2,4})'?s(?!\p{L})" +
        @"|(?<neg>^-)?(?<int>\d[\d,]*\d|\d)(?:\.(?<frac>\d+))?(?<pct>%)?" +
        @"|(?<letters>[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*)" +
        @"|(?<sym>[&+@=%#°×])")]
    private static partial Regex PiecePattern();
}
