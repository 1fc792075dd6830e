using CtcAlign.Alignment;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// Builds peaky CTC emissions spelling planted lines at planted times: each letter is one frame (p = 0.9) followed by
/// two blank frames, words are separated by a "|" frame and blanks; everything else is blank (p ~ 0.97) with random
/// noise spread over the other tokens. Knows every planted line's true first-word start and last-word end.
/// </summary>
internal sealed class SyntheticBroadcast
{
    public const double FrameSeconds = 0.02;
    private const int FramesPerLetter = 3;
    private const int WordGapFrames = 4;

    public sealed record PlantedLine(string Text, double Start, double End);

    private readonly List<(string Text, int StartFrame)> _lines = [];

    public List<PlantedLine> Truth { get; } = [];

    /// <summary>Frames one line of text takes.</summary>
    public static int FramesOf(string text)
    {
        var words = LetterModel.Tokenize(text).NormalizedText.Split(' ');
        return words.Sum(w => w.Length * FramesPerLetter) + (words.Length - 1) * WordGapFrames - (FramesPerLetter - 1);
    }

    /// <summary>Plants a line starting at <paramref name="startSeconds"/>; returns the time its last word ends.</summary>
    public double Say(string text, double startSeconds)
    {
        var startFrame = (int)Math.Round(startSeconds / FrameSeconds);
        _lines.Add((text, startFrame));
        var end = (startFrame + FramesOf(text)) * FrameSeconds;
        Truth.Add(new PlantedLine(text, startFrame * FrameSeconds, end));
        return end;
    }

    /// <summary>Plants lines one after another, <paramref name="gapSeconds"/> apart, from <paramref name="startSeconds"/>.</summary>
    public double SayAll(IEnumerable<string> lines, double startSeconds, double gapSeconds)
    {
        var t = startSeconds;
        foreach (var line in lines)
            t = Say(line, t) + gapSeconds;
        return t;
    }

    public EmissionMatrix Build(double totalSeconds, int seed = 1)
    {
        var frames = (int)Math.Round(totalSeconds / FrameSeconds);
        var vocab = LetterModel.Vocabulary.Count;
        var peak = new int[frames];
        var peakProb = new float[frames];
        Array.Fill(peak, LetterModel.Blank);
        Array.Fill(peakProb, 0.97f);
        foreach (var (text, startFrame) in _lines)
        {
            var t = startFrame;
            var words = LetterModel.Tokenize(text).NormalizedText.Split(' ');
            for (var w = 0; w < words.Length; w++)
            {
                if (w > 0)
                {
                    Set(t - FramesPerLetter + 1 + WordGapFrames / 2, LetterModel.Delimiter);
                    t += WordGapFrames;
                }
                foreach (var c in words[w])
                {
                    Set(t, LetterModel.TokenOf(c));
                    t += FramesPerLetter;
                }
            }
        }

        var rng = new Random(seed);
        var values = new float[frames * vocab];
        var noise = new double[vocab];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            for (var v = 0; v < vocab; v++)
                sum += noise[v] = v == peak[f] ? 0 : rng.NextDouble() * rng.NextDouble();
            var rest = 1 - peakProb[f];
            for (var v = 0; v < vocab; v++)
                values[f * vocab + v] = (float)Math.Log(v == peak[f] ? peakProb[f] : Math.Max(rest * noise[v] / sum, 1e-9));
        }
        return new EmissionMatrix(values, frames, vocab, FrameSeconds);

        void Set(int frame, int token)
        {
            if (frame < 0 || frame >= frames)
                return;
            peak[frame] = token;
            peakProb[frame] = 0.9f;
        }
    }

    /// <summary>The matrix as adjacent blocks of <paramref name="blockFrames"/>, streamed.</summary>
    public static async IAsyncEnumerable<EmissionMatrix> Stream(EmissionMatrix all, int blockFrames)
    {
        for (var start = 0; start < all.Frames; start += blockFrames)
        {
            await Task.Yield();
            yield return all.Slice(start, Math.Min(all.Frames, start + blockFrames));
        }
    }
}
