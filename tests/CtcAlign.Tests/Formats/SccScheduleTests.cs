using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

public sealed class SccScheduleTests
{
    /// <summary>Loading units of one pair each, numbered from <paramref name="first"/> so each cue's pairs can be told apart.</summary>
    private static IReadOnlyList<IReadOnlyList<ushort>> Units(int pairs, int first = 0x4142) =>
        Enumerable.Range(0, pairs).Select(i => (IReadOnlyList<ushort>)[(ushort)(first + i)]).ToList();

    /// <summary>Every pair with the frame it is sent on, by walking the lines.</summary>
    private static List<(long Frame, ushort Pair)> Stream(SccSchedule.Result result) =>
        result.Lines.SelectMany(l => l.Pairs.Select((p, k) => (l.Frame + k, p))).ToList();

    [Fact]
    public void Each_eoc_lands_on_its_cue_start_with_loading_after_the_previous_eoc_and_edm_at_the_end()
    {
        var cues = new[] { new SccSchedule.Cue(Units(10), 100, 160), new SccSchedule.Cue(Units(40, 0x5000), 170, 250), new SccSchedule.Cue(Units(5, 0x6000), 250, 300) };
        var result = SccSchedule.Plan(cues);
        Assert.Empty(result.Late);
        var stream = Stream(result);
        Assert.Equal(stream.Count, stream.Select(s => s.Frame).Distinct().Count()); // one pair a frame
        Assert.True(stream.Zip(stream.Skip(1)).All(p => p.First.Frame < p.Second.Frame));
        var eocs = stream.Where(s => s.Pair == SccSchedule.EndOfCaption).Select(s => s.Frame).ToList();
        Assert.Equal([100, 101, 170, 171, 250, 251], eocs);
        var edms = stream.Where(s => s.Pair == SccSchedule.EraseDisplayed).Select(s => s.Frame).ToList();
        Assert.Equal([160, 161, 300, 301], edms); // none between the second and third: the third follows at once
        // the second cue's 40 pairs go out after the first EOC (frame 102) and around the EDM at 160
        var second = stream.Where(s => s.Pair is >= 0x5000 and < 0x5000 + 40).ToList();
        Assert.Equal(40, second.Count);
        Assert.All(second, s => Assert.InRange(s.Frame, 102, 169));
        Assert.Contains(second, s => s.Frame < 160);
        Assert.Contains(second, s => s.Frame > 161);
        Assert.Equal(Enumerable.Range(0x5000, 40).Select(p => (ushort)p), second.Select(s => s.Pair)); // in order
    }

    [Fact]
    public void A_cue_that_cannot_be_loaded_in_time_starts_late_by_the_frames_missing()
    {
        var result = SccSchedule.Plan([new SccSchedule.Cue(Units(10), 20, 30), new SccSchedule.Cue(Units(30), 33, 90)]);
        // between the first EOC (20, 21) and its EDM (30, 31) go 8 of the second cue's 30 pairs, the other 22 after the EDM: its EOC at 54
        var late = Assert.Single(result.Late);
        Assert.Equal(1, late.Cue);
        Assert.Equal(54 - 33, late.Frames);
        var stream = Stream(result);
        Assert.Equal(stream.Count, stream.Select(s => s.Frame).Distinct().Count());
        Assert.Equal([20, 21, 54, 55], stream.Where(s => s.Pair == SccSchedule.EndOfCaption).Select(s => s.Frame));
    }

    /// <summary>Brute force on small cases: the plan's stream against every rule, for all start/end combinations.</summary>
    [Fact]
    public void Small_schedules_keep_every_rule()
    {
        for (var n1 = 1; n1 <= 4; n1++)
        for (var n2 = 1; n2 <= 6; n2++)
        for (var s1 = 0; s1 <= 8; s1++)
        for (var e1 = s1 + 1; e1 <= 14; e1++)
        for (var s2 = s1; s2 <= 16; s2++)
        {
            var cues = new[] { new SccSchedule.Cue(Units(n1), s1, e1), new SccSchedule.Cue(Units(n2, 0x4242), s2, s2 + 3) };
            var result = SccSchedule.Plan(cues);
            var stream = Stream(result);
            Assert.Equal(stream.Count, stream.Select(s => s.Frame).Distinct().Count());
            Assert.True(stream.Zip(stream.Skip(1)).All(p => p.First.Frame < p.Second.Frame));
            var eocs = stream.Where(s => s.Pair == SccSchedule.EndOfCaption).Select(s => s.Frame).ToList();
            var show1 = eocs[0];
            var show2 = eocs[2];
            // loading of a cue between the previous EOC and its own, all of it
            Assert.All(stream.Where(s => s.Pair is >= 0x4142 and < 0x4142 + 4), s => Assert.True(s.Frame < show1));
            Assert.All(stream.Where(s => s.Pair >= 0x4242 && s.Pair < 0x4242 + 6), s => Assert.True(s.Frame > show1 + 1 && s.Frame < show2));
            // on time when there is room; never earlier than asked; late by exactly what the plan reports
            var earliest1 = Math.Max(s1, n1);
            Assert.Equal(earliest1, show1);
            Assert.True(show2 >= s2);
            Assert.Equal(show2 - s2, result.Late.Where(l => l.Cue == 1).Sum(l => l.Frames));
            var edms = stream.Where(s => s.Pair == SccSchedule.EraseDisplayed).Select(s => s.Frame).ToList();
            if (s2 > Math.Max(e1, show1 + 1) + 1)
            {
                Assert.Equal(Math.Max(e1, show1 + 2), edms[0]); // the first cue ends on time
                var lower = Math.Max(s2, edms[0] + 2 + n2 - Math.Min(n2, edms[0] - (show1 + 2)));
                Assert.Equal(lower, show2); // as early as the stream allows
            }
            else
                Assert.Equal(Math.Max(s2, show1 + 2 + n2), show2);
        }
    }
}
