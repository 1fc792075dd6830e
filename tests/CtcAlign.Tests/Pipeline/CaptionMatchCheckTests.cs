using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.LongForm;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Pipeline;

/// <summary>The match check's pieces on made-up emissions: vocabulary blank, a..e; the audio "says" a token sequence.</summary>
public sealed class CaptionMatchCheckTests
{
    private const int Blank = 0;

    /// <summary>Each spoken token holds 3 frames at -0.1 (others -5), a blank frame between; silence is blank.</summary>
    private static EmissionMatrix Saying(int[] tokens, int silenceFrames = 0)
    {
        var path = new List<int>();
        path.AddRange(Enumerable.Repeat(Blank, silenceFrames));
        foreach (var t in tokens)
        {
            path.AddRange([t, t, t, Blank]);
        }
        const int v = 7; // blank, a..e, and one more (the delimiter of <see cref="Spaced"/> is 1, its letters 2..6)
        var data = new float[path.Count * v];
        for (var f = 0; f < path.Count; f++)
            for (var k = 0; k < v; k++)
                data[f * v + k] = k == path[f] ? -0.1f : -5f;
        return new EmissionMatrix(data, path.Count, v, 0.02);
    }

    private static readonly CaptionTokenizer Letters = text =>
    {
        var ids = text.Where(c => c is >= 'a' and <= 'e').Select(c => c - 'a' + 1).ToArray();
        return new TokenizedText(text, ids, ids.Select(_ => 0).ToArray(), [text]);
    };

    [Fact]
    public void Spoken_text_costs_nothing_against_the_baseline_other_text_costs_per_frame_and_text_beyond_the_stretch_is_free()
    {
        var spoken = new[] { 1, 2, 3, 4, 5, 1, 3 };
        var e = Saying(spoken);
        var (own, speech) = LocalCtcScore.Of(e, 0, e.Frames, spoken, Blank);
        Assert.Equal(0, own, 6);
        Assert.Equal(21, speech);
        var (longer, _) = LocalCtcScore.Of(e, 0, e.Frames, [2, 5, .. spoken, 4, 4, 2], Blank); // said before and after: free
        Assert.Equal(0, longer, 6);
        var (other, _) = LocalCtcScore.Of(e, 0, e.Frames, [5, 4, 2, 2, 1, 5, 4], Blank);
        Assert.True(other < -20, $"other text scored {other}");
    }

    [Fact]
    public void The_verdict_compares_the_text_with_its_words_in_reverse_order()
    {
        var e = Saying([1, 2, 3, 4, 5, 1, 3, 2, 4, 1, 5, 2, 2, 3, 1], silenceFrames: 10);
        var options = new CaptionMatchOptions { MinSpeechFrames = 10, StretchSeconds = 100 };
        var own = CaptionMatchCheck.Judge([new CaptionLine(0, "abcde ac", 0, 0.6), new CaptionLine(1, "bdaebbca", 0.6, 1.2)], Letters, e, 1.4, Blank, null, options);
        Assert.True(own is { Checked: true, Matches: true }, own.Describe());
        var other = CaptionMatchCheck.Judge([new CaptionLine(0, "eeddc bab", 0, 0.6), new CaptionLine(1, "ceadbbdd", 0.6, 1.2)], Letters, e, 1.4, Blank, null, options);
        Assert.True(other is { Checked: true, Matches: false }, other.Describe());
        var silent = CaptionMatchCheck.Judge([new CaptionLine(0, "abc")], Letters, Saying([], 200), null, Blank, null, options);
        Assert.False(silent.Checked); // no speech: nothing to judge, the file is aligned
        Assert.True(silent.Matches);
    }

    /// <summary>A vocabulary with a word delimiter: blank 0, | 1, a..e 2..6; words are split at spaces.</summary>
    private const int Delimiter = 1;

    private static readonly CaptionTokenizer Spaced = text =>
    {
        var ids = new List<int>();
        var word = new List<int>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                ids.Add(Delimiter);
                word.Add(-1);
            }
            foreach (var c in words[w])
            {
                ids.Add(c - 'a' + 2);
                word.Add(w);
            }
        }
        return new TokenizedText(text, [.. ids], [.. word], words);
    };

    [Fact]
    public void The_decoy_is_the_words_in_reverse_order_and_a_single_word_read_backwards()
    {
        var words = CaptionMatchCheck.Words(Spaced("ab ccd e"), Delimiter);
        Assert.Equal([[2, 3], [4, 4, 5], [6]], words);
        Assert.Equal([2, 3, 1, 4, 4, 5, 1, 6], CaptionMatchCheck.Joined(words, Delimiter));
        Assert.Equal([6, 1, 4, 4, 5, 1, 2, 3], CaptionMatchCheck.Reordered(words, Delimiter));
        Assert.Equal([5, 4, 4], CaptionMatchCheck.Reordered([[4, 4, 5]], Delimiter));
        Assert.Empty(CaptionMatchCheck.Reordered([], Delimiter));
        // without a delimiter the caption words split the tokens
        var letters = new TokenizedText("ab c", [1, 2, 3], [0, 0, 1], ["ab", "c"]);
        Assert.Equal([[1, 2], [3]], CaptionMatchCheck.Words(letters, null));
        Assert.Equal([3, 1, 2], CaptionMatchCheck.Reordered(CaptionMatchCheck.Words(letters, null), null));
    }

    /// <summary>Every labelling of the frames whose CTC collapse (repeats merged, blanks dropped) is a contiguous run of the tokens.</summary>
    private static double BruteForceBest(EmissionMatrix e, int from, int to, int[] tokens)
    {
        var v = e.VocabularySize;
        var frames = to - from;
        var best = double.NegativeInfinity;
        var label = new int[frames];
        var total = (int)Math.Pow(v, frames);
        for (var code = 0; code < total; code++)
        {
            var c = code;
            for (var f = 0; f < frames; f++)
            {
                label[f] = c % v;
                c /= v;
            }
            var collapsed = new List<int>();
            for (var f = 0; f < frames; f++)
                if (label[f] != Blank && (f == 0 || label[f] != label[f - 1]))
                    collapsed.Add(label[f]);
            var isRun = false;
            for (var start = 0; start <= tokens.Length - collapsed.Count && !isRun; start++)
                isRun = collapsed.Select((t, k) => t == tokens[start + k]).All(x => x);
            if (!isRun)
                continue;
            var score = 0.0;
            for (var f = 0; f < frames; f++)
                score += e[from + f, label[f]];
            best = Math.Max(best, score);
        }
        return best;
    }

    [Fact]
    public void The_local_score_is_the_best_path_of_any_run_of_the_text_minus_the_frames_own_best_as_brute_force_finds()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 40; trial++)
        {
            const int v = 4;
            var frames = random.Next(2, 8);
            var data = new float[frames * v];
            for (var i = 0; i < data.Length; i++)
                data[i] = (float)Math.Log(random.NextDouble() * 0.98 + 0.01);
            var e = new EmissionMatrix(data, frames, v, 0.02);
            var tokens = Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(1, v)).ToArray();
            var from = random.Next(0, frames - 1);
            var to = random.Next(from + 1, frames + 1);
            var baseline = Enumerable.Range(from, to - from).Sum(t => (double)Enumerable.Range(0, v).Max(k => e[t, k]));
            var speech = Enumerable.Range(from, to - from).Count(t => EmissionMatrix.ArgMax(e.Row(t)) != Blank);
            var (gap, heard) = LocalCtcScore.Of(e, from, to, tokens, Blank);
            Assert.Equal(BruteForceBest(e, from, to, tokens) - baseline, gap, 4);
            Assert.Equal(speech, heard);
        }
    }

    [Fact]
    public void Pooled_over_stretches_spoken_words_beat_their_reverse_and_words_never_said_in_either_order_do_not()
    {
        // ten "sentences" of five words said one after another; the captions are timed over them
        var random = new Random(5);
        string Word() => new(Enumerable.Range(0, random.Next(2, 5)).Select(_ => (char)('a' + random.Next(5))).ToArray());
        var sentences = Enumerable.Range(0, 10).Select(_ => string.Join(' ', Enumerable.Range(0, 5).Select(_ => Word()))).ToArray();
        var said = new List<int>();
        var captions = new List<CaptionLine>();
        var time = 0.0;
        foreach (var (s, i) in sentences.Select((s, i) => (s, i)))
        {
            var ids = Spaced(s).TokenIds;
            said.AddRange(ids);
            said.Add(Delimiter);
            var end = time + (ids.Length + 1) * 4 * 0.02;
            captions.Add(new CaptionLine(i, s, time, end));
            time = end;
        }
        var e = Saying([.. said]);
        var options = new CaptionMatchOptions { MinSpeechFrames = 10, StretchSeconds = 1, TextMarginSeconds = 1 };
        var own = CaptionMatchCheck.Judge(captions, Spaced, e, null, Blank, Delimiter, options);
        Assert.True(own is { Checked: true, Matches: true } && own.Stretches > 3, own.Describe());
        Assert.True(own.Margin > 1, own.Describe());
        // another text of words from the same letters: about as good in either order
        var other = captions.Select(c => c with { Text = string.Join(' ', Enumerable.Range(0, 5).Select(_ => Word())) }).ToList();
        var foreign = CaptionMatchCheck.Judge(other, Spaced, e, null, Blank, Delimiter, options);
        Assert.True(foreign is { Checked: true, Matches: false }, foreign.Describe());
        Assert.True(Math.Abs(foreign.Margin) < own.Margin / 4, foreign.Describe());
    }
}
