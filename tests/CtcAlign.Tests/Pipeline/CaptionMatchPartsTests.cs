using CtcAlign.Alignment;
using CtcAlign.Formats;
using CtcAlign.Pipeline;
using CtcAlign.Tests.LongForm;
using static CtcAlign.Tests.LongForm.LongFormHarness;

namespace CtcAlign.Tests.Pipeline;

/// <summary>
/// The match check over the whole file: its parts (beginning, middle, end, more in long files), the file's verdict from the
/// parts', and the check as the aligner runs it on a streamed synthetic broadcast.
/// </summary>
public sealed class CaptionMatchPartsTests
{
    private static readonly CaptionMatchOptions Defaults = new();

    [Theory]
    [InlineData(600.0)]
    [InlineData(1800.0)]
    [InlineData(3600.0)]
    [InlineData(10800.0)]
    public void Parts_cover_the_beginning_the_middle_and_the_end_and_read_a_share_of_a_long_file(double duration)
    {
        var parts = CaptionMatchCheck.Parts(duration, Defaults);
        Assert.True(parts.Count >= 3 && parts.Count % 2 == 1, $"{parts.Count} parts");
        Assert.Equal(0, parts[0].Start);
        Assert.Equal(duration, parts[^1].End, 6);
        Assert.Contains(parts, p => p.Start <= duration / 2 && duration / 2 <= p.End);
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(Defaults.LookSeconds, parts[i].End - parts[i].Start, 6);
            if (i > 0)
                Assert.True(parts[i].Start >= parts[i - 1].End, "parts overlap");
        }
        // a fixed share of the audio (one 3-minute part per 15 minutes or so), however long the file
        var read = parts.Sum(p => p.End - p.Start);
        Assert.True(read <= Math.Max(3 * Defaults.LookSeconds, 0.25 * duration), $"{read} s judged of {duration} s");
    }

    [Fact]
    public void Short_files_are_one_part_or_thirds_and_a_file_of_unknown_length_its_first_part()
    {
        Assert.Equal([(0.0, 90.0)], CaptionMatchCheck.Parts(90, Defaults));
        Assert.Equal([(0.0, 100.0), (100.0, 200.0), (200.0, 300.0)], CaptionMatchCheck.Parts(300, Defaults));
        Assert.Equal([(0.0, 180.0)], CaptionMatchCheck.Parts(null, Defaults));
    }

    private static CaptionMatchVerdict Part(double margin) => new(true, -1, -1 - margin, 8, 0.6);

    [Fact]
    public void The_file_matches_when_at_least_half_of_its_parts_with_speech_match_and_reports_the_median_part()
    {
        var two = CaptionMatchCheck.Combine([Part(2.5), Part(0.1), Part(1.9), CaptionMatchVerdict.NotChecked]);
        Assert.True(two.Matches);
        Assert.Equal((3, 2, 24), (two.Parts, two.PartsMatching, two.Stretches));
        Assert.Equal(1.9, two.Margin, 6); // the median of the three checked parts
        Assert.Contains("median of 3 parts of the file (2 of 3 match; 24 stretches of speech)", two.Describe());

        var one = CaptionMatchCheck.Combine([Part(2.5), Part(0.1), Part(0.2)]);
        Assert.False(one.Matches); // one lucky part does not pass the file
        Assert.Equal(0.2, one.Margin, 6);
        Assert.True(CaptionMatchCheck.Combine([Part(0.2), Part(2.0)]).Matches); // an untranscribed opening does not refuse it
        Assert.False(CaptionMatchCheck.Combine([CaptionMatchVerdict.NotChecked]).Checked);
        Assert.Equal(Part(0.3).Describe(), CaptionMatchCheck.Combine([Part(0.3)]).Describe()); // one part: as before
    }

    [Fact]
    public void The_parts_settle_the_verdict_as_soon_as_the_rest_cannot_change_it()
    {
        Assert.Null(CaptionMatchCheck.Settled([Part(2)], 2));
        Assert.True(CaptionMatchCheck.Settled([Part(2), Part(2)], 2));
        Assert.Null(CaptionMatchCheck.Settled([Part(0.1), Part(2)], 1));
        Assert.False(CaptionMatchCheck.Settled([Part(0.1), Part(0.2)], 1));
        Assert.Null(CaptionMatchCheck.Settled([Part(0.1), CaptionMatchVerdict.NotChecked], 1));
        Assert.False(CaptionMatchCheck.Settled([Part(0.1)], 0));
        Assert.True(CaptionMatchCheck.Settled([Part(0.7)], 0));
    }

    // a broadcast of 16 sentences (about 85 s) and small parts: the first 20 s, 20 s in the middle, the last 20 s
    private static readonly AlignerSettings Small = new()
    {
        MatchCheck = new CaptionMatchOptions { LookSeconds = 20, PartEverySeconds = 40, StretchSeconds = 5, MinSpeechFrames = 20, TextMarginSeconds = 10 },
    };

    /// <summary>Another text of the same length: every letter moved 7 on in the alphabet.</summary>
    private static string Foreign(string text) =>
        new(text.Select(c => c is >= 'a' and <= 'z' ? (char)('a' + (c - 'a' + 7) % 26) : c is >= 'A' and <= 'Z' ? (char)('A' + (c - 'A' + 7) % 26) : c).ToArray());

    private static (EmissionMatrix Emissions, SyntheticBroadcast Broadcast) Programme(Func<int, string>? said = null)
    {
        var broadcast = new SyntheticBroadcast();
        var t = 1.0;
        for (var i = 0; i < Sentences.Length; i++)
            t = broadcast.Say(said?.Invoke(i) ?? Sentences[i], t) + 1.5;
        return (broadcast.Build(Math.Ceiling(t)), broadcast);
    }

    private static async Task<(MediaAlignment Alignment, int BlocksRead)> AlignAsync(EmissionMatrix all, IReadOnlyList<CaptionLine> captions, AlignerSettings settings)
    {
        var read = 0;
        async IAsyncEnumerable<EmissionMatrix> Counted()
        {
            await foreach (var b in SyntheticBroadcast.Stream(all, 100))
            {
                read++;
                yield return b;
            }
        }
        var alignment = await new CaptionEmissionAligner(LetterModel.Vocabulary, settings)
            .AlignAsync(new MediaJob("m", "/media/m.wav", captions), Counted(), all.DurationSeconds, CancellationToken.None);
        return (alignment, read);
    }

    [Fact]
    public async Task Captions_that_match_only_the_beginning_are_refused_and_aligned_with_force_none_is_aligned()
    {
        var (emissions, broadcast) = Programme();
        Assert.Equal(3, CaptionMatchCheck.Parts(emissions.DurationSeconds, Small.MatchCheck).Count);
        var captions = Captions(broadcast.Truth).Select((c, i) => c.Start < 20 ? c : c with { Text = Foreign(c.Text) }).ToList();

        var refused = await Assert.ThrowsAsync<CaptionMismatchException>(() => AlignAsync(emissions, captions, Small));
        Assert.Equal((3, 1), (refused.Verdict.Parts, refused.Verdict.PartsMatching));

        var forced = (await AlignAsync(emissions, captions, Small with { MatchCheck = Small.MatchCheck with { AlignMismatched = true } })).Alignment;
        Assert.NotNull(forced.MismatchNote);
        Assert.DoesNotContain(forced.Segments, s => s.Status == SegmentStatus.Aligned);

        // the first 3 minutes of a real file are one part: before, these captions passed (its first part alone matches)
        var firstPartOnly = Small with { MatchCheck = Small.MatchCheck with { LookSeconds = emissions.DurationSeconds } };
        var before = (await AlignAsync(emissions, captions, firstPartOnly)).Alignment;
        Assert.Null(before.MismatchNote);
        Assert.NotNull(before.CaptionMatchNote);
    }

    [Fact]
    public async Task An_opening_the_captions_leave_out_does_not_refuse_a_file_that_matches_after_it()
    {
        // the first 5 sentences (a trailer) are said but not captioned
        var (emissions, broadcast) = Programme(i => i < 5 ? Foreign(Sentences[i]) : Sentences[i]);
        Assert.True(broadcast.Truth[5].Start > 20);
        var captions = Captions(broadcast.Truth).Skip(5).Select((c, i) => c with { Index = i }).ToList();

        var (alignment, _) = await AlignAsync(emissions, captions, Small);
        Assert.Contains("(2 of 3 match;", alignment.CaptionMatchNote);
        Assert.Null(alignment.MismatchNote);
        Assert.Contains(alignment.Segments, s => s.Status == SegmentStatus.Aligned);
    }

    [Fact]
    public async Task Foreign_captions_are_refused_before_aligning_once_two_of_three_parts_fail()
    {
        var (emissions, broadcast) = Programme();
        var captions = Captions(broadcast.Truth).Select(c => c with { Text = Foreign(c.Text) }).ToList();
        var read = 0;
        async IAsyncEnumerable<EmissionMatrix> Counted()
        {
            await foreach (var b in SyntheticBroadcast.Stream(emissions, 100))
            {
                read++;
                yield return b;
            }
        }
        var refused = await Assert.ThrowsAsync<CaptionMismatchException>(() => new CaptionEmissionAligner(LetterModel.Vocabulary, Small)
            .AlignAsync(new MediaJob("m", "/media/m.wav", captions), Counted(), emissions.DurationSeconds, CancellationToken.None));
        Assert.Equal((2, 0), (refused.Verdict.Parts, refused.Verdict.PartsMatching));
        var middleEnd = CaptionMatchCheck.Parts(emissions.DurationSeconds, Small.MatchCheck)[1].End;
        Assert.True(read * 100 * SyntheticBroadcast.FrameSeconds < middleEnd + 2, $"read {read} blocks"); // up to the middle part's end, no further
    }
}
