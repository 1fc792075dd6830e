using CtcAlign.Alignment;
using CtcAlign.Reranking;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>
/// CTC prefix beam search: each prefix carries the log-probability of the paths ending in blank and in its last
/// token, so paths that collapse to the same text add up. Token timings follow, for each prefix, the contribution
/// with the highest probability at each frame.
/// </summary>
public static class BeamSearchDecoder
{
    /// <summary>Decodes frames <c>[startFrame, endFrame)</c> (endFrame -1 = to the end); returns the N-best, best first.</summary>
    public static IReadOnlyList<DecodedHypothesis> Decode(
        EmissionMatrix emissions, Vocabulary vocabulary, BeamSearchOptions? options = null, int startFrame = 0, int endFrame = -1)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new BeamSearchOptions();
        options.Validate();
        endFrame = DecodingRange.Check(emissions, vocabulary, startFrame, endFrame);
        var blank = vocabulary.BlankIndex;
        // A prefix is known by a 64-bit hash of its tokens, so the same text reached from any entry merges
        // (a collision among the few million prefixes of a long file has odds around 1e-7).
        var beam = new List<Entry> { new(0) { Blank = 0 } };
        var next = new Dictionary<ulong, Entry>();
        var tokens = new List<int>();
        for (var t = startFrame; t < endFrame; t++)
        {
            var row = emissions.Row(t);
            var max = float.NegativeInfinity;
            foreach (var v in row)
                max = Math.Max(max, v);
            tokens.Clear();
            for (var v = 0; v < row.Length; v++)
                if (v != blank && (row[v] >= options.TokenMinLogProbability || row[v] == max))
                    tokens.Add(v);

            next.Clear();
            foreach (var entry in beam)
            {
                var total = entry.Total;
                // Blank: same prefix, now ending in blank; timing unchanged.
                Add(next, entry.Prefix, total + row[blank], endsInBlank: true, entry.Timing);
                if (entry.Timing is { } head)
                {
                    // The last token again without a blank between: same prefix, its last emission grows.
                    var stay = entry.Token + row[head.Token];
                    if (!double.IsNegativeInfinity(stay))
                        Add(next, entry.Prefix, stay, endsInBlank: false, head with { EndFrame = t + 1 });
                }
                foreach (var c in tokens)
                {
                    // A new token; equal to the last one only after a blank.
                    var from = entry.Timing is { } h && h.Token == c ? entry.Blank : total;
                    if (double.IsNegativeInfinity(from))
                        continue;
                    Add(next, Extend(entry.Prefix, c), from + row[c], endsInBlank: false, new Emission(c, t, t + 1, entry.Timing));
                }
            }

            beam.Clear();
            beam.AddRange(next.Values);
            beam.Sort((a, b) => b.Total.CompareTo(a.Total));
            if (beam.Count > options.BeamWidth)
                beam.RemoveRange(options.BeamWidth, beam.Count - options.BeamWidth);
        }

        var result = new List<DecodedHypothesis>();
        foreach (var entry in beam.Take(options.NBest))
        {
            var spans = new List<DecodedToken>();
            for (var e = entry.Timing; e is not null; e = e.Previous)
                spans.Add(new DecodedToken(e.Token, e.StartFrame, e.EndFrame));
            spans.Reverse();
            result.Add(TranscriptBuilder.Build(spans, entry.Total, emissions, vocabulary));
        }
        return result;
    }

    /// <summary>Hash of a prefix extended by one token (SplitMix64 finaliser over the parent's hash and the token).</summary>
    private static ulong Extend(ulong prefix, int token)
    {
        var z = prefix * 0x9E3779B97F4A7C15UL + (ulong)token + 1;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static void Add(Dictionary<ulong, Entry> next, ulong prefix, double score, bool endsInBlank, Emission? timing)
    {
        if (!next.TryGetValue(prefix, out var entry))
        {
            entry = new Entry(prefix);
            next[prefix] = entry;
        }
        if (endsInBlank)
            entry.Blank = CtcTrellis.LogAdd(entry.Blank, score);
        else
            entry.Token = CtcTrellis.LogAdd(entry.Token, score);
        if (score > entry.TimingScore)
        {
            entry.TimingScore = score;
            entry.Timing = timing;
        }
    }

    /// <summary>One prefix in the beam: log p of its paths ending in blank and ending in its last token.</summary>
    private sealed class Entry(ulong prefix)
    {
        /// <summary>Hash of the prefix's tokens (0 for the empty prefix).</summary>
        public ulong Prefix { get; } = prefix;

        public double Blank { get; set; } = double.NegativeInfinity;

        public double Token { get; set; } = double.NegativeInfinity;

        public double Total => CtcTrellis.LogAdd(Blank, Token);

        /// <summary>Emissions of the best contribution so far, last first.</summary>
        public Emission? Timing { get; set; }

        public double TimingScore { get; set; } = double.NegativeInfinity;
    }

    /// <summary>An emitted token in an immutable list shared between prefixes (last token first).</summary>
    private sealed record Emission(int Token, int StartFrame, int EndFrame, Emission? Previous);
}
