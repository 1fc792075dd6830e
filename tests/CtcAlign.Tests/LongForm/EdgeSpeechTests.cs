using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>The unexplained speech at a line's edges (speech_before, speech_after): how far its stretch reaches, against brute force.</summary>
public sealed class EdgeSpeechTests
{
    [Fact]
    public void Reach_matches_brute_force()
    {
        var rng = new Random(15);
        for (var trial = 0; trial < 3000; trial++)
        {
            var frames = rng.Next(1, 30);
            var speech = Enumerable.Range(0, frames).Select(_ => rng.NextDouble() < 0.4).ToArray();
            var step = rng.Next(2) == 0 ? 1 : -1;
            var first = rng.Next(frames);
            var stop = step > 0 ? rng.Next(first, frames + 1) : rng.Next(-1, first + 1);
            var limit = rng.Next(0, 12);
            var gap = rng.Next(1, 5);

            // the speech frames by distance from the edge (first is distance 0), within the limit and before the stop;
            // the stretch takes them while each is at most gap past the previous one (the edge itself is at -1)
            var available = Math.Abs(stop - first);
            var distances = Enumerable.Range(0, Math.Min(available, limit)).Where(d => speech[first + step * d]).ToArray();
            var last = -1;
            foreach (var d in distances)
            {
                if (d - last > gap)
                    break;
                last = d;
            }
            var beyond = available >= limit && last >= 0 && limit - last <= gap;

            Assert.Equal(new EdgeSpeech.Reach(last + 1, beyond), EdgeSpeech.Furthest(t => speech[t], first, step, stop, limit, gap));
        }
    }

    [Fact]
    public void Silence_or_the_neighbours_words_end_the_stretch_and_speech_past_the_limit_is_beyond()
    {
        bool[] after = [false, true, true, false, false, false, true, false];
        Assert.Equal(new EdgeSpeech.Reach(3, false), EdgeSpeech.Furthest(t => after[t], 0, +1, 8, 8, 2)); // a left-out word, then silence
        Assert.Equal(new EdgeSpeech.Reach(0, false), EdgeSpeech.Furthest(t => after[t], 0, +1, 1, 8, 2)); // the next words start at frame 1
        Assert.Equal(new EdgeSpeech.Reach(7, false), EdgeSpeech.Furthest(t => after[t], 0, +1, 8, 9, 4)); // a longer silence bridged, then the stop
        Assert.Equal(new EdgeSpeech.Reach(3, true), EdgeSpeech.Furthest(t => after[t], 0, +1, 8, 3, 2)); // still speaking at the limit
        Assert.Equal(new EdgeSpeech.Reach(2, false), EdgeSpeech.Furthest(t => after[t], 2, -1, -1, 8, 2)); // backwards from 2: frames 2 and 1, then 0 is silence
        Assert.Throws<ArgumentOutOfRangeException>(() => EdgeSpeech.Furthest(_ => true, 0, 2, 5, 5, 1));
    }
}
