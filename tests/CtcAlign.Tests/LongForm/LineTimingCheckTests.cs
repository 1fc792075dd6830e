using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class LineTimingCheckTests
{
    private static readonly IpfaOptions Options = new();

    private static AlignedWord W(string word, double start, double end, double confidence = 0.9) => new(word, start, end, confidence);

    [Fact]
    public void Fluent_words_pass_with_the_first_start_and_last_end()
    {
        var result = LineTimingCheck.Check([W("good", 1.0, 1.3), W("evening", 1.4, 1.9), W("everyone", 2.0, 2.5)], Options);
        Assert.True(result.Passed);
        Assert.Equal((1.0, 2.5), (result.Start, result.End));
    }

    [Fact]
    public void A_long_pause_trims_the_line_to_its_largest_word_cluster()
    {
        var result = LineTimingCheck.Check(
            [W("the", 1.0, 1.1), W("weather", 4.0, 4.4), W("is", 4.5, 4.6), W("fine", 4.7, 5.0)], Options);
        Assert.Equal((4.0, 5.0), (result.Start, result.End));
        Assert.Equal("pause of 2.9 s inside the line; times cover words 2-4 of 4", result.Problem);
    }

    [Fact]
    public void Slow_speech_is_flagged()
    {
        var words = Enumerable.Range(0, 5).Select(i => W("word", i * 1.9, i * 1.9 + 0.3)).ToArray();
        Assert.Equal("slow speech: 3.0 characters/s inside the line", LineTimingCheck.Check(words, Options).Problem);
    }

    [Fact]
    public void Words_the_model_did_not_hear_are_flagged()
    {
        var result = LineTimingCheck.Check([W("xylophone", 1.0, 1.5, 0.1), W("quartets", 1.6, 2.0, 0.3)], Options);
        Assert.Equal("words not heard: mean word log-probability -1.75, below -1", result.Problem);
    }

    [Fact]
    public void A_stray_edge_word_is_left_out_of_the_line_times_but_not_out_of_the_checks()
    {
        // "... is prohibited. very": the added "very" sits on a letter 1.5 s after the line.
        var words = new[] { W("that", 1.0, 1.3), W("is", 1.4, 1.6), W("prohibited.", 1.6, 2.3), W("very", 3.8, 4.0) };
        var result = LineTimingCheck.Check(words, Options);
        Assert.True(result.Passed);
        Assert.Equal((1.0, 2.3), (result.Start, result.End));
        Assert.Equal((1.0, 2.3), LineTimingCheck.WithoutStrayEdgeWords(words, Options));

        // A stray first word the same way; a gap of 1 s or less, two-word lines, and "off" keep every word.
        var first = new[] { W("so", 0.0, 0.1), W("that", 1.4, 1.6), W("is", 1.7, 1.8), W("it", 1.9, 2.0) };
        Assert.Equal((1.4, 2.0), LineTimingCheck.WithoutStrayEdgeWords(first, Options));
        Assert.Equal((1.0, 3.2), LineTimingCheck.WithoutStrayEdgeWords([W("a", 1.0, 1.1), W("b", 1.2, 1.3), W("c", 2.3, 3.2)], Options));
        Assert.Equal((1.0, 4.0), LineTimingCheck.WithoutStrayEdgeWords([W("a", 1.0, 1.3), W("b", 3.8, 4.0)], Options));
        Assert.Equal((1.0, 4.0), LineTimingCheck.WithoutStrayEdgeWords(words, Options with { StrayEdgeWordGapSeconds = null }));

        // Not heard: flagged, and the times still leave the stray word out.
        var unheard = LineTimingCheck.Check(words.Select(w => w with { Confidence = 0.01 }).ToArray(), Options);
        Assert.Equal(LineTimingCheck.Failure.NotHeard, unheard.Failed);
        Assert.Equal((1.0, 2.3), (unheard.Start, unheard.End));
    }
}
