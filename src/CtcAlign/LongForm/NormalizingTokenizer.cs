using CtcAlign.Text;

namespace CtcAlign.LongForm;

/// <summary>The real <see cref="CaptionTokenizer"/>: <see cref="TextNormalizer"/> (numbers, symbols, abbreviations spoken; case and accents folded to the model).</summary>
public static class NormalizingTokenizer
{
    public static CaptionTokenizer For(TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        return text =>
        {
            var n = normalizer.Normalize(text);
            return new TokenizedText(n.Text, n.TokenIds, n.TokenCaptionWords, n.CaptionWords);
        };
    }
}
