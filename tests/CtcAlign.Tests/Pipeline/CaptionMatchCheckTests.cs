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
        const int v = 6;
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
    public void The_verdict_compares_the_text_with_itself_read_backwards()
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
}
