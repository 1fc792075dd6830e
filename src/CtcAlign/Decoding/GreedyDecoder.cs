using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>Best-path CTC decoding: the most probable token of each frame, runs merged, blanks dropped.</summary>
public static class GreedyDecoder
{
    /// <summary>Decodes frames <c>[startFrame, endFrame)</c> (endFrame -1 = to the end).</summary>
    public static DecodedHypothesis Decode(EmissionMatrix emissions, Vocabulary vocabulary, int startFrame = 0, int endFrame = -1)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(vocabulary);
        endFrame = DecodingRange.Check(emissions, vocabulary, startFrame, endFrame);
        var blank = vocabulary.BlankIndex;
        var spans = new List<DecodedToken>();
        var logP = 0.0;
        var previous = blank;
        for (var t = startFrame; t < endFrame; t++)
        {
            var row = emissions.Row(t);
            var best = EmissionMatrix.ArgMax(row);
            logP += row[best];
            if (best != blank)
            {
                if (best == previous)
                    spans[^1] = spans[^1] with { EndFrame = t + 1 };
                else
                    spans.Add(new DecodedToken(best, t, t + 1));
            }
            previous = best;
        }
        return TranscriptBuilder.Build(spans, logP, emissions, vocabulary);
    }
}
