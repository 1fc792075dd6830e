using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Tests.Alignment;

public class ViterbiAlignerTests
{
    private const int Blank = 0;

    internal static EmissionMatrix RandomEmissions(Random rng, int frames, int vocab, double frameSeconds = 0.02)
    {
        var lp = new float[frames * vocab];
        for (var t = 0; t < frames; t++)
        {
            double sum = 0;
            var row = new double[vocab];
            for (var v = 0; v < vocab; v++)
                sum += row[v] = Math.Exp(rng.NextDouble() * 4);
            for (var v = 0; v < vocab; v++)
                lp[t * vocab + v] = (float)Math.Log(row[v] / sum);
        }
        return new EmissionMatrix(lp, frames, vocab, frameSeconds);
    }

    /// <summary>Every valid CTC path, by depth-first enumeration: the oracle.</summary>
    private static (double Score, int[] States) BruteForce(EmissionMatrix e, int[] tokens)
    {
        var s = 2 * tokens.Length + 1;
        int Label(int state) => state % 2 == 1 ? tokens[state / 2] : Blank;
        var best = (Score: double.NegativeInfinity, States: Array.Empty<int>());
        var path = new int[e.Frames];
        void Walk(int t, int state, double score)
        {
            path[t] = state;
            score += e[t, Label(state)];
            if (t == e.Frames - 1)
            {
                if (state >= s - 2 && score > best.Score)
                    best = (score, (int[])path.Clone());
                return;
            }
            for (var step = 0; step <= 2; step++)
            {
                var next = state + step;
                if (next >= s)
                    break;
                if (step == 2 && (next % 2 == 0 || tokens[next / 2] == tokens[(next - 2) / 2]))
                    continue;
                Walk(t + 1, next, score);
            }
        }
        Walk(0, 0, 0);
        if (s > 1)
            Walk(0, 1, 0);
        return best;
    }

    [Fact]
    public void Score_and_path_equal_brute_force_on_tiny_inputs()
    {
        var checkedCases = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var rng = new Random(seed);
            var vocab = 2 + rng.Next(3);
            var u = rng.Next(4);
            var tokens = Enumerable.Range(0, u).Select(_ => 1 + rng.Next(vocab - 1)).ToArray();
            var repeats = tokens.Where((x, i) => i > 0 && tokens[i - 1] == x).Count();
            var frames = Math.Max(1, u + repeats) + rng.Next(Math.Max(1, 9 - u - repeats));
            if (frames > 8)
                continue;
            var e = RandomEmissions(rng, frames, vocab);
            var (score, states) = BruteForce(e, tokens);
            var a = ViterbiAligner.Align(e, tokens, Blank);
            Assert.Equal(score, a.LogScore, 4);
            Assert.Equal(states.Select(st => st % 2 == 1 ? st / 2 : -1), a.FrameTokenIndices);
            checkedCases++;
        }
        Assert.True(checkedCases > 200, $"only {checkedCases} cases");
    }

    [Fact]
    public void Repeated_labels_need_a_blank_between_them()
    {
        var e = RandomEmissions(new Random(1), 3, 3);
        var a = ViterbiAligner.Align(e, [1, 1], Blank);
        Assert.Equal([0, -1, 1], a.FrameTokenIndices);
    }

    [Fact]
    public void Block_wise_recomputation_gives_the_same_path_as_one_table()
    {
        var rng = new Random(7);
        var e = RandomEmissions(rng, 400, 6);
        var tokens = Enumerable.Range(0, 60).Select(_ => 1 + rng.Next(5)).ToArray();
        var whole = ViterbiAligner.Align(e, tokens, Blank);
        var blocks = ViterbiAligner.Align(e, tokens, Blank, new ViterbiOptions { MaxBackPointerBytes = 121 * 37 });
        Assert.Equal(whole.FrameTokenIndices, blocks.FrameTokenIndices);
        Assert.Equal(whole.LogScore, blocks.LogScore, 6);
    }

    [Fact]
    public void A_frame_range_gives_absolute_frames_and_media_times()
    {
        var rng = new Random(3);
        var e = RandomEmissions(rng, 50, 4, 0.02);
        var a = ViterbiAligner.Align(e, 10, 30, [1, 2, 3], Blank);
        Assert.Equal(20, a.Frames);
        Assert.All(a.Tokens, s => Assert.InRange(s.StartFrame, 10, 29));
        Assert.True(a.Tokens[0].StartFrame < a.Tokens[1].StartFrame && a.Tokens[1].EndFrame <= a.Tokens[2].StartFrame);
        Assert.Equal(a.FrameLogProbs.Sum(x => (double)x), a.LogScore, 4);
    }

    [Fact]
    public void Too_little_audio_is_a_clear_error()
    {
        var e = RandomEmissions(new Random(1), 120, 5);
        var tokens = Enumerable.Range(0, 120).Select(i => i < 12 ? 1 : 2 + i % 3).ToArray();
        var ex = Assert.Throws<AlignmentException>(() => ViterbiAligner.Align(e, tokens, Blank));
        Assert.Equal("Text needs at least 131 frames (U=120 tokens + 11 repeats), audio has 120.", ex.Message);
    }

    [Fact]
    public void Bad_token_ids_are_rejected()
    {
        var e = RandomEmissions(new Random(1), 10, 5);
        var ex = Assert.Throws<ArgumentException>(() => ViterbiAligner.Align(e, [1, 40], Blank));
        Assert.StartsWith("Target id 40 at position 1 is outside vocabulary 5.", ex.Message);
    }

    [Fact]
    public void Words_map_back_to_caption_words_with_times()
    {
        var vocab = Vocabulary.FromTokens(["_", "|", "a", "b", "e", "f", "i", "n", "t", "v", "o", "r", "h", "g", "s", "u", "x"]);
        var text = new TextNormalizer(vocab).Normalize("in 1995");
        // Plant the spoken text at 5 frames per token, blank between.
        var frames = text.TokenCount * 3 + 4;
        var lp = new float[frames * vocab.Count];
        Array.Fill(lp, -8f);
        var planted = new int[frames];
        Array.Fill(planted, vocab.BlankIndex);
        for (var k = 0; k < text.TokenCount; k++)
            planted[2 + 3 * k] = text.TokenIds[k];
        for (var t = 0; t < frames; t++)
            lp[t * vocab.Count + planted[t]] = -0.01f;
        var e = new EmissionMatrix(lp, frames, vocab.Count, 0.02, startSeconds: 100);
        var a = ViterbiAligner.Align(e, text.TokenIds, vocab.BlankIndex);
        var raw = a.ToAlignedWords(text, e, WordBoundaryOptions.None);
        Assert.Equal(["in", "1995"], raw.Select(w => w.Word));
        Assert.Equal(100 + 2 * 0.02, raw[0].Start, 9);
        Assert.Equal(100 + (2 + 3 * 1 + 1) * 0.02, raw[0].End, 9);
        Assert.Equal(100 + (2 + 3 * 3) * 0.02, raw[1].Start, 9);
        Assert.Equal(100 + (2 + 3 * (text.TokenCount - 1) + 1) * 0.02, raw[1].End, 9);
        Assert.True(raw[1].Confidence > 0.9);
    }

    [Fact]
    public void Star_at_the_edges_absorbs_untranscribed_speech_around_the_text()
    {
        var p = new PlantedEmissions(12, 21);
        var tokens = p.RandomTokens(25);
        p.Untranscribed(150);
        var peaks = p.Say(tokens);
        p.Untranscribed(150);
        var e = p.Build();
        var plain = ViterbiAligner.Align(e, tokens, PlantedEmissions.Blank);
        var star = ViterbiAligner.Align(e, tokens, PlantedEmissions.Blank, new ViterbiOptions { StarLogProb = 0f });
        Assert.Equal(peaks, star.Tokens.Select(s => s.StartFrame));
        Assert.NotEqual(peaks, plain.Tokens.Select(s => s.StartFrame));
        Assert.Equal(star.FrameLogProbs.Sum(x => (double)x), star.LogScore, 3);
    }
}
