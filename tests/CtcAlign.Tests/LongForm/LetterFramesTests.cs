using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>The silences inside a line's times (silence_longest, silence_edge): against brute force on a fine grid.</summary>
public sealed class LetterFramesTests
{
    [Fact]
    public void Silence_matches_brute_force()
    {
        var rng = new Random(7);
        const double fs = 0.02;
        const int steps = 20; // grid points a frame
        for (var trial = 0; trial < 2000; trial++)
        {
            var frames = rng.Next(0, 25);
            var starts = Enumerable.Range(0, frames).Where(_ => rng.NextDouble() < 0.35).Select(j => j * fs).ToArray();
            // a span on the grid (so the brute force is exact), anywhere around the frames, possibly empty
            var a = rng.Next(-10, frames * steps + 10);
            var b = rng.Next(-10, frames * steps + 20);
            double start = a * fs / steps, end = b * fs / steps;

            // brute force: each grid cell [k, k+1) of the span is silent unless a letter frame covers it
            var silent = Enumerable.Range(a, Math.Max(0, b - a))
                .Select(k => !starts.Any(s => s <= k * fs / steps + 1e-12 && (k + 1) * fs / steps <= s + fs + 1e-12)).ToArray();
            int longest = 0, run = 0;
            foreach (var s in silent)
            {
                run = s ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
            var lead = silent.TakeWhile(s => s).Count();
            var trail = silent.Reverse().TakeWhile(s => s).Count();

            var (gotLongest, gotEdge) = new LetterFrames(fs, starts).Silence(start, end);
            Assert.Equal(longest * fs / steps, gotLongest, 9);
            Assert.Equal(Math.Max(lead, trail) * fs / steps, gotEdge, 9);
        }
    }

    [Fact]
    public void A_line_over_silence_is_silent_throughout_and_one_stretched_over_a_pause_has_a_long_edge()
    {
        var letters = new LetterFrames(0.02, [1.00, 1.02, 1.04, 1.50, 1.52]);
        Assert.Equal((1.0, 1.0), new LetterFrames(0.02, []).Silence(3, 4)); // nothing heard: the whole span
        var (longest, edge) = letters.Silence(1.0, 1.54); // the words' own span: a gap of 0.44 s between the letters
        Assert.Equal(0.44, longest, 9);
        Assert.Equal(0, edge, 9);
        (longest, edge) = letters.Silence(0.2, 1.54); // started 0.8 s early, over silence
        Assert.Equal(0.8, longest, 9);
        Assert.Equal(0.8, edge, 9);
        Assert.Equal((0.0, 0.0), letters.Silence(2, 2)); // an empty span
    }

    [Fact]
    public void Join_orders_the_chunks_frames_and_needs_every_chunk()
    {
        var joined = LetterFrames.Join([new LetterFrames(0.02, [2.0, 2.02]), new LetterFrames(0.02, [1.0, 2.02])])!;
        Assert.Equal([1.0, 2.0, 2.02], joined.Starts);
        Assert.Null(LetterFrames.Join([new LetterFrames(0.02, [1.0]), null]));
        Assert.Null(LetterFrames.Join([]));
    }
}
