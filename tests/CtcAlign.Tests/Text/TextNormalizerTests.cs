using CtcAlign.Text;

namespace CtcAlign.Tests.Text;

public class TextNormalizerTests
{
    private static readonly Vocabulary Upper = Vocabulary.FromTokens(
        ["<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", "A", "O", "N", "I", "H", "S", "R", "D", "L", "U", "M", "W", "C", "F", "G", "Y", "P", "B", "V", "K", "'", "X", "J", "Q", "Z"]);

    private static readonly Vocabulary Lower = Vocabulary.FromTokens(
        ["_", " ", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"]);

    /// <summary>Lower-case letters, delimiter and apostrophe: possessives keep their "'s".</summary>
    private static readonly Vocabulary LowerWithApostrophe = Vocabulary.FromTokens(
        ["_", "|", "'", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"]);

    private static string Spoken(string text, Vocabulary? vocabulary = null) =>
        new TextNormalizer(vocabulary ?? Lower).Normalize(text).Text;

    [Theory]
    [InlineData("In 1995 it rained.", "in nineteen ninety five it rained")]
    [InlineData("3.5 metres", "three point five metres")]
    [InlineData("10% off", "ten percent off")]
    [InlineData("Tom & Jerry", "tom and jerry")]
    [InlineData("$20 please", "twenty dollars please")]
    [InlineData("$1", "one dollar")]
    [InlineData("$3.50", "three dollars fifty cents")]
    [InlineData("£5", "five pounds")]
    [InlineData("€2.5m", "two point five million euros")]
    [InlineData("Dr. Smith", "doctor smith")]
    [InlineData("Mr Jones and Mrs. Jones", "mister jones and missus jones")]
    [InlineData("St. Paul", "saint paul")]
    [InlineData("Baker St.", "baker street")]
    [InlineData("the 2nd and 21st", "the second and twenty first")]
    [InlineData("1,995 people", "one thousand nine hundred and ninety five people")]
    [InlineData("1900 and 1905", "nineteen hundred and nineteen oh five")]
    [InlineData("2008 2010", "two thousand and eight twenty ten")]
    [InlineData("at 10:30", "at ten thirty")]
    [InlineData("7:05pm", "seven oh five p m")]
    [InlineData("9:00", "nine o'clock")]
    [InlineData("-4 degrees", "minus four degrees")]
    [InlineData("1+1=2", "one plus one equals two")]
    [InlineData("me@home", "me at home")]
    [InlineData("the 1980s", "the nineteen eighties")]
    [InlineData("No. 5", "number five")]
    [InlineData("no way", "no way")]
    [InlineData("U.S. troops", "u s troops")]
    [InlineData("Well-known, \"quoted\" (text)!", "well known quoted text")]
    [InlineData("007", "zero zero seven")]
    [InlineData("etc.", "et cetera")]
    [InlineData("$1.5 billion deal", "one point five billion dollars deal")]
    [InlineData("£20 million.", "twenty million pounds")]
    [InlineData("a million people", "a million people")]
    public void Speaks_numbers_symbols_and_abbreviations(string caption, string expected) =>
        Assert.Equal(expected, Spoken(caption, LowerWithApostrophe));

    [Fact]
    public void Options_choose_american_numbers_and_cardinal_years()
    {
        var options = new TextNormalizerOptions { SayAndInNumbers = false, ReadYears = false };
        Assert.Equal(["one", "thousand", "nine", "hundred", "ninety", "five"], TextNormalizer.Speak("1995", null, null, options));
        Assert.Equal(["nineteen", "ninety", "five"], TextNormalizer.Speak("1995"));
    }

    [Fact]
    public void Spells_in_the_vocabulary_case_with_delimiters_between_words()
    {
        var n = new TextNormalizer(Upper).Normalize("Hi 2!");
        var tokens = n.TokenIds.Select(i => Upper[i]);
        Assert.Equal("H I | T W O", string.Join(' ', tokens));
        Assert.Equal([0, 0, -1, 1, 1, 1], n.TokenCaptionWords);
    }

    [Fact]
    public void Keeps_apostrophes_only_when_the_model_spells_them()
    {
        Assert.Equal("DON'T", string.Concat(new TextNormalizer(Upper).Normalize("don’t").TokenIds.Select(i => Upper[i])));
        Assert.Equal("dont", string.Concat(new TextNormalizer(Lower).Normalize("don't").TokenIds.Select(i => Lower[i])));
        Assert.Equal("dont", new TextNormalizer(Lower).Normalize("don't").Text); // the text says what the tokens spell
    }

    [Fact]
    public void Strips_accents_the_model_lacks_and_marks_words_it_cannot_spell_unalignable()
    {
        var n = new TextNormalizer(Lower).Normalize("café 日本 Straße");
        Assert.Equal("cafe <unk> strasse", n.Text);
        Assert.Equal("cafe strasse", string.Concat(n.TokenIds.Select(i => Lower[i])));
        Assert.Equal(["Caption word 1 ('日本'): '日' is not in the vocabulary and has no safe spelling; the word is unalignable."], n.Warnings);
        Assert.Equal([1], n.UnalignableCaptionWords);
        Assert.Null(n.TokenRangeOf(1));
        Assert.Equal([0, 2], n.SpokenWords.Select(w => w.CaptionWordIndex));
        Assert.Equal(["cafe", "strasse"], n.SpokenWords.Select(w => w.Text));
    }

    [Fact]
    public void Drop_policy_leaves_out_only_the_characters_and_warns()
    {
        var n = new TextNormalizer(Lower, new TextNormalizerOptions { UnknownCharacters = UnknownCharacterPolicy.Drop }).Normalize("café 日本 Ωmega");
        Assert.Equal("cafe mega", n.Text);
        Assert.Empty(n.UnalignableCaptionWords);
        Assert.Equal(
            ["Caption word 1 ('日本'): '日' is not in the vocabulary; dropped.", "Caption word 1 ('日本'): '本' is not in the vocabulary; dropped.",
             "Caption word 2 ('Ωmega'): 'ω' is not in the vocabulary; dropped."],
            n.Warnings);
    }

    [Theory]
    // digit strings that are codes: leading zero, "+", or groups written next to each other
    [InlineData("call 0800 123 456", "call zero eight zero zero one two three four five six")]
    [InlineData("555 1234", "five five five one two three four")]
    [InlineData("555-1234", "five five five one two three four")]
    [InlineData("0800-123-456.", "zero eight zero zero one two three four five six")]
    [InlineData("+44 20 7946 0958", "plus four four two zero seven nine four six zero nine five eight")]
    [InlineData("(020) 7946 0958", "zero two zero seven nine four six zero nine five eight")]
    [InlineData("agent 007", "agent zero zero seven")]
    // amounts stay amounts
    [InlineData("in 1995 2000 people", "in nineteen ninety five two thousand people")]
    [InlineData("In 2019, 300 people", "in twenty nineteen three hundred people")]
    [InlineData("3 4 year olds", "three four year olds")]
    [InlineData("123 people", "one hundred and twenty three people")]
    [InlineData("1990-2000", "nineteen ninety two thousand")]
    // possessives and plurals of numbers
    [InlineData("2019's budget", "twenty nineteen's budget")]
    [InlineData("the 1990s", "the nineteen nineties")]
    [InlineData("the 1980's", "the nineteen eighties")]
    [InlineData("'90s music", "nineties music")]
    [InlineData("747's wings", "seven hundred and forty seven's wings")]
    // web and e-mail addresses
    [InlineData("https://fsf.org", "f s f dot org")]
    [InlineData("visit www.gnu.org/licenses/.", "visit w w w dot gnu dot org slash licenses")]
    [InlineData("john.smith@example.com", "john dot smith at example dot com")]
    [InlineData("mail help-desk_2@fsf.org!", "mail help dash desk underscore two at f s f dot org")]
    [InlineData("see bbc.co.uk now", "see b b c dot co dot uk now")]
    [InlineData("me@home", "me at home")]
    // characters outside the vocabulary: transliterated where safe, else the word is unalignable
    [InlineData("ça va très bien", "ca va tres bien")]
    [InlineData("Straße", "strasse")]
    [InlineData("Æsir œuvre", "aesir oeuvre")]
    [InlineData("ﬁne ﬂow", "fine flow")]
    [InlineData("cafe\u0301", "cafe")]
    [InlineData("Ελλάδα is far", "<unk> is far")]
    [InlineData("Ωmega", "<unk>")]
    public void Speaks_codes_possessives_addresses_and_foreign_letters(string caption, string expected) =>
        Assert.Equal(expected, Spoken(caption, LowerWithApostrophe));

    [Theory]
    [InlineData("0800 123 456", false, UrlPolicy.Spell, "zero eight zero zero one two three four five six")]
    [InlineData("0800 123 456", true, UrlPolicy.Spell, "oh eight oh oh one two three four five six")]
    [InlineData("3.05 and 007", true, UrlPolicy.Spell, "three point oh five and oh oh seven")]
    [InlineData("see https://fsf.org now", false, UrlPolicy.Drop, "see now")]
    [InlineData("write to a@b.org", false, UrlPolicy.Drop, "write to")]
    public void Options_choose_oh_for_zero_and_drop_addresses(string caption, bool zeroAsOh, UrlPolicy urls, string expected) =>
        Assert.Equal(expected, new TextNormalizer(LowerWithApostrophe, new TextNormalizerOptions { ZeroAsOh = zeroAsOh, Urls = urls }).Normalize(caption).Text);

    [Fact]
    public void Unalignable_words_own_no_tokens_and_leave_no_double_delimiters()
    {
        var n = new TextNormalizer(LowerWithApostrophe).Normalize("a Ωmega b");
        Assert.Equal("a | b", string.Join(' ', n.TokenIds.Select(i => LowerWithApostrophe[i])));
        Assert.Equal("a <unk> b", n.Text);
        Assert.Equal([1], n.UnalignableCaptionWords);
    }

    [Fact]
    public void Maps_unknown_characters_to_the_wildcard_when_asked()
    {
        var vocab = Vocabulary.FromTokens(["_", "|", "a", "b", "*"]);
        var n = new TextNormalizer(vocab, new TextNormalizerOptions { UnknownCharacters = UnknownCharacterPolicy.Wildcard, WildcardToken = "*" })
            .Normalize("ab z");
        Assert.Equal("a b | *", string.Join(' ', n.TokenIds.Select(i => vocab[i])));
        Assert.Equal(["Caption word 1 ('z'): 'z' is not in the vocabulary; mapped to '*'."], n.Warnings);
    }

    [Fact]
    public void Rejects_a_wildcard_that_is_not_in_the_vocabulary()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TextNormalizer(Lower,
            new TextNormalizerOptions { UnknownCharacters = UnknownCharacterPolicy.Wildcard, WildcardToken = "<star>" }));
        Assert.StartsWith("Wildcard token '<star>' is not in the vocabulary", ex.Message);
    }

    [Fact]
    public void Maps_token_spans_back_to_the_caption_words()
    {
        var n = new TextNormalizer(Lower).Normalize("Born in 1995, Dr. Who");
        Assert.Equal(["Born", "in", "1995,", "Dr.", "Who"], n.CaptionWords);
        var (start, end) = n.TokenRangeOf(2)!.Value;
        Assert.Equal("nineteen ninety five", string.Concat(n.TokenIds[start..end].Select(i => Lower[i])));
        Assert.Equal((2, 3), n.CaptionWordsOf(start, n.TokenRangeOf(3)!.Value.End));
        Assert.Equal([0, 1, 2, 3, 4], n.CaptionWordTokenRanges().Select(r => r.CaptionWordIndex));
        Assert.Equal(3, n.SpokenWords.Count(w => w.CaptionWordIndex == 2));
        Assert.Null(n.CaptionWordsOf(start - 1, start));
    }

    [Fact]
    public void Words_without_any_sound_own_no_tokens_and_leave_no_double_delimiters()
    {
        var n = new TextNormalizer(Lower).Normalize("a - b");
        Assert.Equal("a b", string.Concat(n.TokenIds.Select(i => Lower[i])));
        Assert.Equal(["a", "-", "b"], n.CaptionWords);
        Assert.Equal([0, -1, 2], n.TokenCaptionWords);
    }
}
