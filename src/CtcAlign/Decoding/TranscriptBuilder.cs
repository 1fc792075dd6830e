using System.Text;
using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>
/// Turns emitted token spans into text and timed words. A word ends at the vocabulary's word delimiter (or a
/// whitespace token); a token starting with "▁" (SentencePiece) starts a new word. Special tokens such as
/// &lt;unk&gt; or &lt;s&gt; are left out of the text.
/// </summary>
public static class TranscriptBuilder
{
    public static DecodedHypothesis Build(IReadOnlyList<DecodedToken> spans, double logProbability, EmissionMatrix emissions, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var words = new List<DecodedWord>();
        var word = new StringBuilder();
        int first = -1, last = -1;
        double logSum = 0;
        var frames = 0;

        void Flush()
        {
            if (word.Length > 0)
                words.Add(new DecodedWord(word.ToString(), emissions.TimeOf(spans[first].StartFrame),
                    emissions.TimeOf(spans[last].EndFrame), Math.Exp(logSum / Math.Max(1, frames))));
            word.Clear();
            first = -1;
            logSum = 0;
            frames = 0;
        }

        for (var i = 0; i < spans.Count; i++)
        {
            var token = vocabulary[spans[i].Token];
            if (spans[i].Token == vocabulary.WordDelimiterIndex || string.IsNullOrWhiteSpace(token))
            {
                Flush();
                continue;
            }
            if (IsSpecial(token))
                continue;
            var piece = token;
            if (piece[0] == '▁')
            {
                Flush();
                piece = piece[1..];
                if (piece.Length == 0)
                    continue;
            }
            if (first < 0)
                first = i;
            last = i;
            word.Append(piece);
            for (var t = spans[i].StartFrame; t < spans[i].EndFrame; t++)
                logSum += emissions[t, spans[i].Token];
            frames += spans[i].EndFrame - spans[i].StartFrame;
        }
        Flush();

        var tokens = spans.Select(s => s.Token).ToArray();
        var text = string.Join(' ', words.Select(w => w.Word));
        return new DecodedHypothesis(tokens, text, logProbability, words, spans.ToArray());
    }

    private static bool IsSpecial(string token) => token.Length > 2 && token[0] == '<' && token[^1] == '>';
}
