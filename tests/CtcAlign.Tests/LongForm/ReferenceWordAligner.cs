using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// Plain CTC Viterbi forced alignment per ALGORITHMS.md section 1, for tests only: word = first frame of its first
/// token .. last frame of its last token + 1; confidence = exp(mean log-probability over the word's frames).
/// </summary>
internal sealed class ReferenceWordAligner(int blank) : IWordAligner
{
    public IReadOnlyList<AlignedWord> AlignWords(EmissionMatrix segment, TokenizedText text)
    {
        var y = text.TokenIds;
        int U = y.Length, S = 2 * U + 1, T = segment.Frames;
        var repeats = 0;
        for (var i = 1; i < U; i++)
            if (y[i] == y[i - 1])
                repeats++;
        if (T < U + repeats)
            throw new AlignmentException($"T={T} < U+R={U + repeats}");
        int Label(int s) => s % 2 == 0 ? blank : y[s / 2];

        var previous = new double[S];
        var current = new double[S];
        var back = new byte[T * S];
        Array.Fill(previous, double.NegativeInfinity);
        previous[0] = segment[0, blank];
        previous[1] = segment[0, y[0]];
        for (var t = 1; t < T; t++)
        {
            for (var s = 0; s < S; s++)
            {
                var best = previous[s];
                byte step = 0;
                if (s >= 1 && previous[s - 1] > best)
                    (best, step) = (previous[s - 1], 1);
                if (s >= 2 && Label(s) != blank && Label(s) != Label(s - 2) && previous[s - 2] > best)
                    (best, step) = (previous[s - 2], 2);
                current[s] = best + segment[t, Label(s)];
                back[t * S + s] = step;
            }
            (previous, current) = (current, previous);
        }
        var state = previous[S - 1] >= previous[S - 2] ? S - 1 : S - 2;
        if (double.IsNegativeInfinity(previous[state]))
            throw new AlignmentException("No Viterbi path.");
        var stateAt = new int[T];
        for (var t = T - 1; t >= 0; t--)
        {
            stateAt[t] = state;
            state -= back[t * S + state];
        }

        var first = new int[text.Words.Count];
        var last = new int[text.Words.Count];
        Array.Fill(first, -1);
        for (var t = 0; t < T; t++)
        {
            if (stateAt[t] % 2 == 0)
                continue;
            var word = text.WordOfToken[stateAt[t] / 2];
            if (word < 0)
                continue;
            if (first[word] < 0)
                first[word] = t;
            last[word] = t;
        }
        var words = new List<AlignedWord>();
        for (var w = 0; w < text.Words.Count; w++)
        {
            if (first[w] < 0)
                continue;
            double sum = 0;
            for (var t = first[w]; t <= last[w]; t++)
                sum += segment[t, Label(stateAt[t])];
            words.Add(new AlignedWord(text.Words[w], segment.TimeOf(first[w]), segment.TimeOf(last[w] + 1),
                Math.Exp(sum / (last[w] - first[w] + 1))));
        }
        return words;
    }
}
