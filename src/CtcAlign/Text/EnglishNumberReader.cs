using System.Globalization;
using Humanizer;

namespace CtcAlign.Text;

/// <summary>English number words (lower case, one word per item: "ninety-five" becomes "ninety", "five").</summary>
internal static class EnglishNumberReader
{
    // Humanizer falls back to English for the invariant culture, which also works in globalization-invariant mode.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    private static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    public static List<string> Cardinal(string digits, bool sayAnd, bool zeroAsOh = false)
    {
        digits = digits.Replace(",", "", StringComparison.Ordinal);
        if (digits.Length > 1 && digits[0] == '0')
            return DigitByDigit(digits, zeroAsOh);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 999_999_999_999_999L)
            return DigitByDigit(digits, zeroAsOh);
        return Split(value.ToWords(English, sayAnd));
    }

    public static List<string> Cardinal(long value, bool sayAnd) => Split(value.ToWords(English, sayAnd));

    public static List<string> Ordinal(string digits)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return DigitByDigit(digits);
        return Split(value.ToOrdinalWords(English));
    }

    /// <summary>Each digit as a word, 0 as "zero" or, with <paramref name="zeroAsOh"/>, "oh"; other characters are silent.</summary>
    public static List<string> DigitByDigit(string digits, bool zeroAsOh = false) =>
        digits.Where(char.IsAsciiDigit).Select(c => c == '0' && zeroAsOh ? "oh" : Digits[c - '0']).ToList();

    /// <summary>True for numbers read as years: 1100-1999 and 2010-2099 ("twenty ten"), four digits, no comma.</summary>
    public static bool IsYear(string digits) =>
        digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
        && ((v >= 1100 && v <= 1999) || (v >= 2010 && v <= 2099));

    /// <summary>"1995" nineteen ninety five, "1900" nineteen hundred, "1905" nineteen oh five, "2010" twenty ten.</summary>
    public static List<string> Year(string digits)
    {
        var high = int.Parse(digits.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var low = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var words = Cardinal(high, false);
        if (low == 0)
            words.Add("hundred");
        else if (low < 10)
        {
            words.Add("oh");
            words.Add(Digits[low]);
        }
        else
            words.AddRange(Cardinal(low, false));
        return words;
    }

    /// <summary>"80s" eighties, "1990s" nineteen nineties.</summary>
    public static List<string> Decade(string digits, bool sayAnd)
    {
        var words = IsYear(digits) ? Year(digits) : Cardinal(digits, sayAnd);
        var last = words[^1];
        words[^1] = last.EndsWith('y') ? last[..^1] + "ies" : last.EndsWith('x') ? last + "es" : last + "s";
        return words;
    }

    /// <summary>Decimal fraction digits read one by one: "3.14" three point one four.</summary>
    public static List<string> Decimal(string integerPart, string fraction, bool sayAnd, bool zeroAsOh = false)
    {
        var words = Cardinal(integerPart.Length == 0 ? "0" : integerPart, sayAnd, zeroAsOh);
        words.Add("point");
        words.AddRange(DigitByDigit(fraction, zeroAsOh));
        return words;
    }

    private static List<string> Split(string words) =>
        words.Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
}
