using CtcAlign.Acoustic;
using CtcAlign.Text;

namespace CtcAlign.Tests.Pipeline;

/// <summary>
/// A frame model that "hears" what the audio spells: every 320-sample frame carries one token as its sample value
/// ((token + 1) / 64), and the model gives that token probability 0.9 (the rest shared evenly). Frames depend on their
/// own samples only, so windowed inference equals whole-file inference. <see cref="Speak"/> writes such audio.
/// </summary>
internal sealed class SpellingFrameModel : IFrameModel
{
    public const int Stride = 320;

    public static readonly Vocabulary Vocabulary =
        Vocabulary.FromTokens(["<blank>", "|", "'", .. Enumerable.Range('a', 26).Select(c => ((char)c).ToString())]);

    public static ModelDescription Description { get; } =
        new("spelling", 16000, Stride, Vocabulary, ModelOutputKind.LogProbs, InputNormalization.None);

    public int VocabularySize => Vocabulary.Count;

    public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
    {
        var frames = windowSamples / Stride;
        var v = VocabularySize;
        var hit = MathF.Log(0.9f);
        var miss = MathF.Log(0.1f / (v - 1));
        var output = new float[windows * frames * v];
        for (var w = 0; w < windows; w++)
            for (var f = 0; f < frames; f++)
            {
                var frame = samples.Slice(w * windowSamples + f * Stride, Stride);
                var mean = 0f;
                foreach (var x in frame)
                    mean += x;
                var token = Math.Clamp((int)MathF.Round(mean / Stride * 64) - 1, 0, v - 1);
                var row = output.AsSpan((w * frames + f) * v, v);
                row.Fill(miss);
                row[token] = hit;
            }
        return new FrameBatch(output, windows, frames, v);
    }

    /// <summary>
    /// Audio that spells <paramref name="lines"/>: each letter 3 frames with a blank frame between letters, a word
    /// delimiter between words, <paramref name="pauseFrames"/> of blank between lines (and before the first).
    /// </summary>
    public static float[] Speak(IEnumerable<string> lines, int pauseFrames = 40)
    {
        var tokens = new List<int>();
        void Add(int token, int frames) => tokens.AddRange(Enumerable.Repeat(token, frames));
        Add(Vocabulary.BlankIndex, pauseFrames);
        foreach (var line in lines)
        {
            var words = line.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0)
                    Add(Vocabulary.WordDelimiterIndex!.Value, 2);
                foreach (var c in words[i].Where(char.IsLetter))
                {
                    Add(Vocabulary.TryGetIndex(c.ToString(), out var id) ? id : Vocabulary.BlankIndex, 3);
                    Add(Vocabulary.BlankIndex, 1);
                }
            }
            Add(Vocabulary.BlankIndex, pauseFrames);
        }
        return tokens.SelectMany(t => Enumerable.Repeat((t + 1) / 64f, Stride)).ToArray();
    }
}
