using CtcAlign.Alignment;

namespace CtcAlign.Tests.Alignment;

/// <summary>The vectorised segmenter against a plain full-table transcription of the reference recurrence.</summary>
public class CtcSegmenterOracleTests
{
    private const float Unreachable = -1e9f;

    /// <summary>
    /// Column entry frames by the reference fill (full table, window offsets) and a table-driven backtrack; null where
    /// the reference's backtrack raises IndexError (some step reads the previous column past its band).
    /// </summary>
    private static int[]? Oracle(EmissionMatrix e, int[][] utterances, int blank, int window, float? star, FrameRange?[]? bounds = null)
    {
        var cols = new List<(int Token, bool Separator, FrameRange? Allowed)> { (-1, false, null) };
        for (var i = 0; i < utterances.Length; i++)
        {
            cols.Add((blank, true, null));
            cols.AddRange(utterances[i].Select(x => (x, false, bounds?[i])));
        }
        cols.Add((blank, true, null));
        bool Forbidden(int c, int frame) => cols[c].Allowed is { } a && (frame < a.First || frame > a.Last);
        int j = cols.Count, T = e.Frames, w = Math.Min(window, T);
        var table = new float[w, j];
        var offsets = new int[j];
        var higher = (int)((T - w) / (float)j) + 1;
        int offsetSum = 0, lastArgMax = 0;
        for (var t = 0; t < w; t++)
            table[t, 0] = 0;
        float Enter(int c, int frame) => MathF.Max(e[frame, cols[c].Token], cols[c].Separator && star is { } s ? s : float.NegativeInfinity);
        float Stay(int c, int frame) => MathF.Max(MathF.Max(e[frame, blank], e[frame, cols[c].Token]), cols[c].Separator && star is { } s ? s : float.NegativeInfinity);
        for (var c = 1; c < j; c++)
        {
            var rel = Math.Min(Math.Max(0, lastArgMax - w / 2), Math.Min(higher, T - w - offsetSum));
            offsetSum += rel;
            offsets[c] = offsetSum;
            float best = float.NegativeInfinity;
            for (var t = 0; t < w; t++)
            {
                var p = t - 1 + rel;
                var enter = (p >= 0 && p < w ? table[p, c - 1] : Unreachable) + Enter(c, offsetSum + t);
                var stay = (t > 0 ? table[t - 1, c] : Unreachable) + Stay(c, offsetSum + t);
                table[t, c] = Forbidden(c, offsetSum + t) ? Unreachable : MathF.Max(enter, stay);
                if (table[t, c] > best)
                {
                    best = table[t, c];
                    lastArgMax = t;
                }
            }
        }
        var entries = new int[j];
        int cc = j - 1, tt = lastArgMax;
        while (cc > 0)
        {
            var rel = offsets[cc] - offsets[cc - 1];
            var p = tt - 1 + rel;
            if (p >= w)
                return null;
            var enter = (p >= 0 && p < w ? table[p, cc - 1] : Unreachable) + Enter(cc, offsets[cc] + tt);
            var stay = (tt > 0 ? table[tt - 1, cc] : Unreachable) + Stay(cc, offsets[cc] + tt);
            if (enter > stay)
            {
                entries[cc] = offsets[cc] + tt;
                tt = p;
                cc--;
            }
            else
                tt--;
        }
        return entries;
    }

    [Theory]
    [InlineData(1, 5000, null)]
    [InlineData(2, 300, null)]
    [InlineData(3, 257, null)]
    [InlineData(4, 300, 0f)]
    [InlineData(5, 129, -1.5f)]
    public void Matches_the_reference_recurrence(int seed, int window, float? star)
    {
        var rng = new Random(seed);
        var p = new PlantedEmissions(10, seed);
        var text = Enumerable.Range(0, 8).Select(_ => p.RandomTokens(5 + rng.Next(20))).ToArray();
        p.Untranscribed(100);
        foreach (var u in text.Where((_, i) => i != 3))
        {
            p.Say(u);
            if (rng.Next(2) == 0)
                p.Music(rng.Next(200));
            else
                p.Untranscribed(rng.Next(100));
        }
        var e = p.Build();
        var options = new CtcSegmentationOptions { MinWindowFrames = window, StarLogProb = star };
        var r = CtcSegmenter.Segment(e, text, PlantedEmissions.Blank, options);
        AssertMatchesOracle(e, text, window, star, r);
    }

    [Theory]
    [InlineData(21, 5000, null)]
    [InlineData(22, 300, -1.5f)]
    [InlineData(23, 257, 0f)]
    public void Matches_the_reference_recurrence_with_frame_ranges_for_some_utterances(int seed, int window, float? star)
    {
        var rng = new Random(seed);
        var p = new PlantedEmissions(10, seed);
        var text = Enumerable.Range(0, 6).Select(_ => p.RandomTokens(4 + rng.Next(10))).ToArray();
        var said = new List<(int Start, int End)>();
        p.Untranscribed(80);
        foreach (var u in text)
        {
            var start = p.Frames;
            p.Say(u);
            said.Add((start, p.Frames - 1));
            p.Music(rng.Next(120));
        }
        var e = p.Build();
        // some utterances bound around where they were said, one pushed off its speech, the rest free
        var bounds = said.Select((s, i) => (i % 3) switch
        {
            0 => new FrameRange(Math.Max(0, s.Start - 30), Math.Min(e.Frames - 1, s.End + 30)),
            1 when i == 1 => new FrameRange(s.End + 1, Math.Min(e.Frames - 1, s.End + 200)),
            _ => (FrameRange?)null,
        }).ToArray();
        var options = new CtcSegmentationOptions { MinWindowFrames = window, StarLogProb = star };
        var r = CtcSegmenter.Segment(e, text, PlantedEmissions.Blank, options, bounds);
        AssertMatchesOracle(e, text, window, star, r, bounds);
        for (var i = 0; i < text.Length; i++)
            if (bounds[i] is { } b)
                Assert.All(r.Utterances[i].TokenStartFrames, f => Assert.InRange(f, b.First, b.Last));
    }

    [Fact]
    public void Frame_ranges_that_cover_every_frame_change_nothing()
    {
        var p = new PlantedEmissions(10, 31);
        var text = Enumerable.Range(0, 4).Select(_ => p.RandomTokens(6)).ToArray();
        p.Untranscribed(50);
        foreach (var u in text)
        {
            p.Say(u);
            p.Silence(40);
        }
        var e = p.Build();
        var options = new CtcSegmentationOptions { MinWindowFrames = 200, StarLogProb = -1.5f };
        var all = text.Select(_ => (FrameRange?)new FrameRange(0, e.Frames - 1)).ToArray();
        Assert.Equal(CtcSegmenter.Segment(e, text, PlantedEmissions.Blank, options).ColumnEntryFrames,
            CtcSegmenter.Segment(e, text, PlantedEmissions.Blank, options, all).ColumnEntryFrames);
    }

    /// <summary>The reference's retry loop: double the window while the oracle's backtrack fails.</summary>
    private static void AssertMatchesOracle(EmissionMatrix e, int[][] text, int window, float? star, SegmentationResult r,
        FrameRange?[]? bounds = null)
    {
        var w = Math.Min(window, e.Frames);
        var expected = Oracle(e, text, PlantedEmissions.Blank, w, star, bounds);
        while (expected is null)
        {
            w = Math.Min(2 * w, e.Frames);
            expected = Oracle(e, text, PlantedEmissions.Blank, w, star, bounds);
        }
        Assert.Equal(w, r.WindowFrames);
        Assert.Equal(expected, r.ColumnEntryFrames);
    }

    [Fact]
    public void A_path_that_stays_past_the_previous_columns_band_doubles_the_window()
    {
        // Three short lines after a long preamble: at W = 40 the band's offsets lag behind the speech, and the best
        // path stays in a column past the end of the previous column's band (the reference raises IndexError there).
        // The window doubles to 80, as the reference does; a segmenter that accepts the W = 40 path fails here.
        var rng = new Random(11);
        var p = new PlantedEmissions(10, 11);
        var text = Enumerable.Range(0, 3).Select(_ => p.RandomTokens(3 + rng.Next(4))).ToArray();
        p.Untranscribed(150 + rng.Next(100));
        foreach (var u in text)
        {
            p.Say(u);
            p.Silence(rng.Next(60));
        }
        var e = p.Build();
        Assert.Null(Oracle(e, text, PlantedEmissions.Blank, 40, null));
        var r = CtcSegmenter.Segment(e, text, PlantedEmissions.Blank, new CtcSegmentationOptions { MinWindowFrames = 40 });
        Assert.Equal(80, r.WindowFrames);
        AssertMatchesOracle(e, text, 40, null, r);
    }
}
