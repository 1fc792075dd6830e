using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Tests.Decoding;

/// <summary>Small vocabularies and emission matrices spelled frame by frame.</summary>
internal static class DecodingFixtures
{
    /// <summary>0 blank, 1 "|", 2 "a", 3 "b", 4 "c".</summary>
    public static Vocabulary Letters { get; } = Vocabulary.FromTokens(["<blank>", "|", "a", "b", "c"]);

    /// <summary>
    /// Emissions where each frame's character (from <paramref name="frames"/>, '-' = blank, ' ' = "|") has probability
    /// <paramref name="peak"/> and the rest share what is left.
    /// </summary>
    public static EmissionMatrix Spell(string frames, Vocabulary vocabulary, double peak = 0.9, double frameSeconds = 0.02, double startSeconds = 0)
    {
        var v = vocabulary.Count;
        var data = new float[frames.Length * v];
        for (var t = 0; t < frames.Length; t++)
        {
            var token = frames[t] switch
            {
                '-' => vocabulary.BlankIndex,
                ' ' => vocabulary.WordDelimiterIndex!.Value,
                var c => vocabulary.TryGetIndex(c.ToString(), out var i) ? i : throw new ArgumentException($"no token {c}"),
            };
            for (var k = 0; k < v; k++)
                data[t * v + k] = (float)Math.Log(k == token ? peak : (1 - peak) / (v - 1));
        }
        return new EmissionMatrix(data, frames.Length, v, frameSeconds, startSeconds);
    }
}
