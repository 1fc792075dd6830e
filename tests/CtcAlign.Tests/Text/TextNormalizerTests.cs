using CtcAlign.Text;

namespace CtcAlign.Tests.Text;

public class TextNormalizerTests
{
    private static readonly Vocabulary Upper = Vocabulary.FromTokens(
        ["<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", "A", "O", "N", "I", "H", "S", "R", "D", "L", "U", "M", "W", "C", "F", "G", "Y", "P", "B", "V", "K", "'", "X", "J", "Q", "Z"]);

    private static readonly Vocabulary Lower = Vocabulary.FromTokens(
        ["_", " ", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"]);

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
        Assert.Equal(expected, Spoken(caption));

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
    }

    [Fact]
    public void Strips_accents_the_model_lacks_and_warns_about_what_it_cannot_spell()
    {
        var n = new TextNormalizer(Lower).Normalize("café 日本 Straße");
        Assert.Equal("café straße", n.Text);
        Assert.Equal("cafe strasse", string.Concat(n.TokenIds.Select(i => Lower[i])));
        Assert.Equal(
            ["Caption word 1 ('日本'): '日' is not in the vocabulary; dropped.", "Caption word 1 ('日本'): '本' is not in the vocabulary; dropped."],
            n.Warnings);
        Assert.Null(n.TokenRangeOf(1));
        Assert.Equal([0, 2], n.SpokenWords.Select(w => w.CaptionWordIndex));
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
