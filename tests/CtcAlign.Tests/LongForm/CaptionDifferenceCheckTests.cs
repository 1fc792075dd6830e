using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class CaptionDifferenceCheckTests
{
    // the weakest-word test (off by default since the letter tests replaced it), alone
    private static readonly IpfaOptions Options = new() { DiffersWordConfidence = 0.01, DiffersMisfitContrast = 0, DiffersUnexplainedNats = 0, DiffersScore = 0 };

    private static AlignedSegment Line(SegmentStatus status, string? reason, params (string Word, double Confidence)[] words) =>
        new(0, string.Join(' ', words.Select(w => w.Word)), "", 1.0, 1.0 + 0.4 * words.Length, -1.0, status,
            words.Select((w, i) => new AlignedWord(w.Word, 1.0 + 0.4 * i, 1.3 + 0.4 * i, w.Confidence)).ToList())
        { StatusReason = reason };

    [Fact]
    public void A_heard_line_with_one_unheard_word_keeps_its_times_and_is_low_confidence_because_the_caption_differs()
    {
        var line = Line(SegmentStatus.Aligned, null, ("she", 0.6), ("told", 0.5), ("us", 0.004), ("today", 0.7));
        var marked = CaptionDifferenceCheck.Apply(line, Options);
        Assert.Equal(SegmentStatus.LowConfidence, marked.Status);
        Assert.Equal("caption differs from the audio: \"us\" not heard (word confidence 0.004, the line's median 0.50)", marked.StatusReason);
        Assert.Equal((line.Start, line.End, line.Words), (marked.Start, marked.End, marked.Words));

        var low = CaptionDifferenceCheck.Apply(line with { Status = SegmentStatus.LowConfidence, StatusReason = "rho -2.50 below the threshold -2" }, Options);
        Assert.Equal(SegmentStatus.LowConfidence, low.Status);
        Assert.StartsWith("caption differs from the audio: \"us\" not heard", low.StatusReason);
        Assert.EndsWith("; rho -2.50 below the threshold -2", low.StatusReason);
    }

    [Fact]
    public void A_word_standing_apart_from_the_line_differs_too()
    {
        var words = new List<AlignedWord>
        {
            new("it", 1.0, 1.2, 0.8), new("is", 1.25, 1.4, 0.7), new("prohibited.", 1.45, 2.1, 0.6), new("very", 3.6, 3.8, 0.3),
        };
        var line = new AlignedSegment(0, "it is prohibited. very", "", 1.0, 3.8, -1.0, SegmentStatus.Aligned, words);
        var marked = CaptionDifferenceCheck.Apply(line, Options);
        Assert.Equal((SegmentStatus.LowConfidence, "caption differs from the audio: \"very\" stands apart from the line's speech"),
            (marked.Status, marked.StatusReason));
    }

    [Fact]
    public void Lines_heard_throughout_lines_heard_nowhere_single_words_and_unplaced_lines_are_left_as_they_are()
    {
        var heard = Line(SegmentStatus.Aligned, null, ("good", 0.6), ("evening", 0.02), ("all", 0.7));
        var nowhere = Line(SegmentStatus.LowConfidence, "words not heard", ("when", 0.05), ("fetching", 0.002), ("we", 0.03));
        var single = Line(SegmentStatus.Aligned, null, ("hello", 0.001));
        var unplaced = Line(SegmentStatus.NotAligned, "placed with rho -7, below -5", ("a", 0.7), ("b", 0.001)) with { Start = null, End = null };
        foreach (var s in new[] { heard, nowhere, single, unplaced })
            Assert.Same(s, CaptionDifferenceCheck.Apply(s, Options));
        var off = Line(SegmentStatus.Aligned, null, ("she", 0.6), ("us", 0.004), ("today", 0.7));
        Assert.Same(off, CaptionDifferenceCheck.Apply(off, Options with { DiffersWordConfidence = 0 }));
    }
}

public sealed class CaptionDifferenceLetterTests
{
    private static readonly IpfaOptions Letters = new() { DiffersMisfitContrast = 4, DiffersUnexplainedNats = 5.5, DiffersWordConfidence = 0, DiffersScore = 0 };

    private static AlignedSegment Line(params (string Word, double Misfit, double? Before)[] words) =>
        new(0, string.Join(' ', words.Select(w => w.Word)), "", 1.0, 1.0 + 0.4 * words.Length, -1.0, SegmentStatus.Aligned,
            words.Select((w, i) => new AlignedWord(w.Word, 1.0 + 0.4 * i, 1.3 + 0.4 * i, 0.5)
                { MisfitPerLetter = w.Misfit, UnexplainedBefore = i == 0 ? null : w.Before }).ToList());

    [Fact]
    public void A_word_whose_letters_fit_far_worse_than_the_line_differs()
    {
        var marked = CaptionDifferenceCheck.Apply(Line(("she", 0.5, null), ("told", 5.2, 0), ("us", 0.8, 0)), Letters);
        Assert.Equal(SegmentStatus.LowConfidence, marked.Status);
        Assert.Equal("caption differs from the audio: \"told\" is not what was heard (5.2 nats a letter below the model's own hearing, the line's median 0.8)",
            marked.StatusReason);
    }

    [Fact]
    public void Letters_heard_between_two_words_that_no_caption_word_takes_differ()
    {
        var marked = CaptionDifferenceCheck.Apply(Line(("she", 0.5, null), ("told", 0.6, 0.2), ("us", 0.8, 6.0)), Letters);
        Assert.Equal("caption differs from the audio: speech heard between \"told\" and \"us\" that no caption word accounts for (6.0 nats)",
            marked.StatusReason);
    }

    [Fact]
    public void A_line_that_fits_evenly_or_with_the_tests_off_is_left_as_it_is()
    {
        var even = Line(("she", 2.5, null), ("told", 3.0, 5.0), ("us", 2.0, 1.0));
        Assert.Same(even, CaptionDifferenceCheck.Apply(even, Letters));
        var changed = Line(("she", 0.5, null), ("told", 5.2, 9.0), ("us", 0.8, 0));
        Assert.Same(changed, CaptionDifferenceCheck.Apply(changed, new IpfaOptions { DiffersMisfitContrast = 0, DiffersUnexplainedNats = 0, DiffersWordConfidence = 0, DiffersScore = 0 }));
        // the score weighs the same letters (at the cut it shipped with beside the sixth session's p_correct block)
        Assert.NotSame(changed, CaptionDifferenceCheck.Apply(changed, new IpfaOptions { DiffersScore = 0.48 }));
        Assert.NotSame(changed, CaptionDifferenceCheck.Apply(changed, Letters));
    }
}
