using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CtcAlign.Text;

/// <summary>
/// Turns English caption text into the token sequence a CTC model can align: case folded to the vocabulary,
/// punctuation removed, numbers and symbols spoken as words ("1995" nineteen ninety five, "$20" twenty dollars,
/// "Dr." doctor), accents stripped when the model lacks them, and word delimiters between spoken words.
/// Every token remembers its caption word (see <see cref="NormalizedText"/>).
/// Digit strings that are codes rather than amounts are read digit by digit: a group with a leading zero ("0800"),
/// "+" and digits, and a group written next to another (a space or hyphen apart) when either has a leading zero or
/// "+" or both have three or more digits ("555 1234", "0800 123 456"; not two numbers 1000-2099 such as "1995 2000").
/// Web and e-mail addresses are spelled as read out (<see cref="UrlPolicy"/>): the scheme ("https://") is silent,
/// "." dot, "@" at, "/" slash, "-" dash, "_" underscore, ":" colon, digits one by one, a letter run without a vowel
/// (a, e, i, o, u, y) or "www" letter by letter, any other letter run as a word ("fsf.org" f s f dot org).
/// </summary>
public sealed partial class TextNormalizer
{
    /// <summary>What <see cref="NormalizedText.Text"/> holds in place of a word the model cannot spell.</summary>
    public const string UnalignableMarker = "<unk>";

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
        var written = new List<string>();
        var unalignable = new List<int>();
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
                var spelled = Spell(word, w, captionWords[w], ids, links, warnings);
                if (spelled is null || ids.Count == start)
                {
                    if (delimiterAdded)
                    {
                        ids.RemoveAt(ids.Count - 1);
                        links.RemoveAt(links.Count - 1);
                    }
                    if (spelled is null)
                    {
                        written.Add(UnalignableMarker);
                        if (unalignable.Count == 0 || unalignable[^1] != w)
                            unalignable.Add(w);
                    }
                    continue;
                }
                spoken.Add(new SpokenWord(spelled, w, start, ids.Count));
                written.Add(spelled);
            }
        }
        return new NormalizedText(captionText, captionWords, spoken, ids.ToArray(), links.ToArray(), warnings,
            string.Join(' ', written), unalignable);
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

        if (AddressPattern().IsMatch(key))
            return options.Urls == UrlPolicy.Drop ? [] : SpellAddress(key, options.ZeroAsOh);
        if (IsDigitCode(key, captionWord, previousWord, nextWord))
        {
            var code = new List<string>();
            if (key[0] == '+')
                code.Add("plus");
            code.AddRange(EnglishNumberReader.DigitByDigit(key, options.ZeroAsOh));
            return code;
        }

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
        {
            var digits = g["dec"].Value;
            if (!g["apos"].Success || digits.EndsWith('0'))
                return EnglishNumberReader.Decade(digits, o.SayAndInNumbers); // "1990s", "'90s", "1980's": a decade
            var words = o.ReadYears && EnglishNumberReader.IsYear(digits) // "2019's": a possessive
                ? EnglishNumberReader.Year(digits)
                : EnglishNumberReader.Cardinal(digits, o.SayAndInNumbers, o.ZeroAsOh);
            words[^1] += "'s";
            return words;
        }
        if (g["int"].Success)
        {
            var words = new List<string>();
            if (g["neg"].Success)
                words.Add("minus");
            var digits = g["int"].Value;
            if (g["frac"].Success)
                words.AddRange(EnglishNumberReader.Decimal(digits, g["frac"].Value, o.SayAndInNumbers, o.ZeroAsOh));
            else if (o.ReadYears && !g["neg"].Success && !g["pct"].Success && EnglishNumberReader.IsYear(digits))
                words.AddRange(EnglishNumberReader.Year(digits));
            else
                words.AddRange(EnglishNumberReader.Cardinal(digits, o.SayAndInNumbers, o.ZeroAsOh));
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

    /// <summary>
    /// Appends the tokens of one spoken word, applying case, the safe transliterations and the unknown-character
    /// policy; returns the word as spelled (what the tokens say), or null when it is unalignable (nothing appended).
    /// </summary>
    private string? Spell(string word, int captionWordIndex, string captionWord, List<int> ids, List<int> links, List<string> warnings)
    {
        if (Options.UnknownCharacters == UnknownCharacterPolicy.Unalignable)
        {
            foreach (var ch in word)
            {
                if (ch == '\'' || TryToken(ch, out _) || (LetterFallback.For(ch) is { } f && f.All(c => TryToken(c, out _))))
                    continue;
                warnings.Add($"Caption word {captionWordIndex} ('{captionWord}'): '{ch}' is not in the vocabulary and has no safe spelling; the word is unalignable.");
                return null;
            }
        }
        var spelled = new StringBuilder(word.Length);
        foreach (var ch in word)
        {
            if (TryToken(ch, out var id))
            {
                ids.Add(id);
                links.Add(captionWordIndex);
                spelled.Append(ch);
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
                spelled.Append(fallback);
                continue;
            }
            if (ch == '\'')
                continue; // an apostrophe the model cannot spell is punctuation, not a sound
            if (_wildcardId is { } wild)
            {
                ids.Add(wild);
                links.Add(captionWordIndex);
                spelled.Append(ch);
                warnings.Add($"Caption word {captionWordIndex} ('{captionWord}'): '{ch}' is not in the vocabulary; mapped to '{Options.WildcardToken}'.");
            }
            else
                warnings.Add($"Caption word {captionWordIndex} ('{captionWord}'): '{ch}' is not in the vocabulary; dropped.");
        }
        return spelled.ToString();
    }

    /// <summary>
    /// A digit string read as a code, digit by digit: a group with a leading zero, "+" and digits, or a group next to
    /// another group (space- or hyphen-separated) when either has a leading zero or "+" or both have 3+ digits and they
    /// are not two numbers 1000-2099; punctuation between them ("In 1995, 300 people") makes them two numbers. A word
    /// of hyphenated groups ("555-1234") is judged on its own groups; an ISO date (2024-05-01) is not a code.
    /// </summary>
    private static bool IsDigitCode(string key, string captionWord, string? previousWord, string? nextWord)
    {
        if (DigitGroupPattern().IsMatch(key))
        {
            if (key[0] == '+' || (key.Length > 1 && key[0] == '0'))
                return true;
            return (previousWord is not null && !EndsAPhrase(previousWord) && PairIsCode(key, Bare(previousWord).TrimEnd('.')))
                || (nextWord is not null && !EndsAPhrase(captionWord) && PairIsCode(key, Bare(nextWord).TrimEnd('.')));
        }
        if (!HyphenatedDigitsPattern().IsMatch(key) || IsoDatePattern().IsMatch(key))
            return false;
        var groups = key.Split('-');
        for (var i = 0; i + 1 < groups.Length; i++)
            if (PairIsCode(groups[i], groups[i + 1]))
                return true;
        return false;
    }

    private static bool EndsAPhrase(string captionWord) =>
        captionWord.TrimEnd('"', '\'', '\u201D', '\u2019') is { Length: > 0 } t && ",;:.!?".Contains(t[^1]);

    private static bool PairIsCode(string a, string b)
    {
        if (!DigitGroupPattern().IsMatch(a) || !DigitGroupPattern().IsMatch(b))
            return false;
        static bool Marked(string g) => g[0] == '+' || (g.Length > 1 && g[0] == '0');
        static bool YearLike(string g) => g.Length == 4 && g[0] is '1' or '2' && string.CompareOrdinal(g, "2099") <= 0;
        if (Marked(a) || Marked(b))
            return true;
        return a.Length >= 3 && b.Length >= 3 && !(YearLike(a) && YearLike(b));
    }

    /// <summary>A web or e-mail address as read out (see the class summary for the rule).</summary>
    private static List<string> SpellAddress(string address, bool zeroAsOh)
    {
        var rest = SchemePattern().Replace(address, "").TrimEnd('/');
        var words = new List<string>();
        var i = 0;
        while (i < rest.Length)
        {
            var c = rest[i];
            var j = i + 1;
            if (char.IsAsciiLetter(c))
            {
                while (j < rest.Length && char.IsAsciiLetter(rest[j]))
                    j++;
                var run = rest[i..j];
                if (run == "www" || !run.Any(ch => ch is 'a' or 'e' or 'i' or 'o' or 'u' or 'y'))
                    words.AddRange(run.Select(ch => ch.ToString()));
                else
                    words.Add(run);
            }
            else if (char.IsAsciiDigit(c))
            {
                while (j < rest.Length && char.IsAsciiDigit(rest[j]))
                    j++;
                words.AddRange(EnglishNumberReader.DigitByDigit(rest[i..j], zeroAsOh));
            }
            else if (AddressSymbols.TryGetValue(c, out var said))
                words.AddRange(said.Split(' '));
            i = j;
        }
        return words;
    }

    private static readonly Dictionary<char, string> AddressSymbols = new()
    {
        ['.'] = "dot", ['@'] = "at", ['/'] = "slash", ['-'] = "dash", ['_'] = "underscore", [':'] = "colon",
        ['~'] = "tilde", ['+'] = "plus", ['='] = "equals", ['&'] = "and", ['?'] = "question mark", ['#'] = "hash", ['%'] = "percent",
    };

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

    [GeneratedRegex(@"^(?:(?:https?|ftp)://\S+|www\.\S+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|int|mil|io|co|uk|us|ca|au|de|fr|eu|info|biz|tv|me|ly|ai|app|dev)(?::\d+)?(?:/\S*)?)$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^(?:https?|ftp)://")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^\+?\d+$")]
    private static partial Regex DigitGroupPattern();

    [GeneratedRegex(@"^\+?\d+(?:-\d+)+$")]
    private static partial Regex HyphenatedDigitsPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"^([$£€])(\d[\d,]*)(?:\.(\d+))?\.?$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^(?:\p{L}\.){2,}$")]
    private static partial Regex InitialismPattern();

    [GeneratedRegex(
        @"(?<cur>[$£€])(?<cnum>\d[\d,]*)(?:\.(?<cfrac>\d+))?(?<cscale>thousand|million|billion|trillion|bn|k|m)?(?!\p{L})" +
        @"|(?<h>\d{1,2}):(?<mi>\d{2})(?<ampm>[ap]\.?m\.?)?(?!\p{L})" +
        @"|(?<ord>\d+)(?:st|nd|rd|th)(?!\p{L})" +
        @"|'?(?<dec>\d{2,4})(?<apos>')?s(?!\p{L})" +
        @"|(?<neg>^-)?(?<int>\d[\d,]*\d|\d)(?:\.(?<frac>\d+))?(?<pct>%)?" +
        @"|(?<letters>[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*)" +
        @"|(?<sym>[&+@=%#°×])")]
    private static partial Regex PiecePattern();
}
