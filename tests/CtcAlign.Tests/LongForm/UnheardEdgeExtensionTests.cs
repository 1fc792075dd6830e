using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class UnheardEdgeExtensionTests
{
    private const double Fs = 0.02;
    private static readonly IpfaOptions Options = new();

    /// <summary>Blank everywhere (p = 0.97) except a letter (p = 0.9) at each of <paramref name="spikes"/>.</summary>
    private static EmissionMatrix Window(int frames, IEnumerable<int> spikes, double startSeconds = 10)
    {
        var vocab = LetterModel.Vocabulary.Count;
        var lp = new float[frames * vocab];
        var peak = new int[frames];
        foreach (var s in spikes)
            peak[s] = LetterModel.TokenOf('e');
        for (var t = 0; t < frames; t++)
        for (var v = 0; v < vocab; v++)
            lp[t * vocab + v] = (float)Math.Log(v == peak[t] ? (peak[t] == LetterModel.Blank ? 0.97 : 0.9) : 0.002);
        return new EmissionMatrix(lp, frames, vocab, Fs, startSeconds);
    }

    private static TextChunk Chunk(int line, string text) => new(line, 0, 1, LetterModel.Tokenize(text));

    private static ChunkPlacement Placed(TextChunk chunk, double rho, params AlignedWord[] words) =>
        new(chunk.LineIndex, chunk.ChunkIndex, rho, words[0].Start, words[^1].End, words, null);

    private static AlignedWord W(string word, double start, double end, double confidence) => new(word, start, end, confidence);

    // Frames are window-relative; the window starts at 10 s, so frame f is at 10 + 0.02 f.
    private static double T(int frame) => 10 + frame * Fs;

    [Fact]
    public void An_unheard_last_word_ends_where_the_adjacent_speech_ends()
    {
        // Line 0's last word "way" was squeezed to frames 20-23 but the speaker went on ("interface") until frame 48.
        var window = Window(400, [10, 14, 18, 22, 27, 32, 36, 41, 45, 48, 300, 305]);
        var chunks = new[] { Chunk(0, "from an way"), Chunk(1, "next line here") };
        var placements = new[]
        {
            Placed(chunks[0], -1.5, W("from", T(5), T(12), 0.8), W("an", T(12), T(17), 0.7), W("way", T(20), T(23), 0.01)),
            Placed(chunks[1], -1.0, W("next", T(300), T(303), 0.8), W("line", T(304), T(306), 0.8), W("here", T(306), T(308), 0.8)),
        };
        var result = UnheardEdgeExtension.Apply(window, chunks, placements, LetterModel.Blank, Options);
        Assert.Equal(T(48 + 1 + 2), result[0].Words[^1].End, 6);
        Assert.Equal(T(20), result[0].Words[^1].Start, 6);
        Assert.Equal(placements[0].Words[0], result[0].Words[0]);
        // The window's last chunk keeps its end: the next window starts there.
        Assert.Equal(placements[1].Words, result[1].Words);
    }

    [Fact]
    public void A_heard_last_word_is_left_alone_and_so_is_everything_with_the_move_off()
    {
        var window = Window(400, [10, 14, 18, 22, 27, 32, 36, 300]);
        var chunks = new[] { Chunk(0, "from an interface"), Chunk(1, "next") };
        var heard = new[]
        {
            Placed(chunks[0], -1.0, W("from", T(5), T(12), 0.8), W("an", T(12), T(17), 0.7), W("interface", T(20), T(24), 0.5)),
            Placed(chunks[1], -1.0, W("next", T(300), T(303), 0.8)),
        };
        Assert.Equal(heard[0].Words, UnheardEdgeExtension.Apply(window, chunks, heard, LetterModel.Blank, Options)[0].Words);

        var unheard = new[] { heard[0] with { Words = [.. heard[0].Words.Take(2), W("interface", T(20), T(24), 0.01)] }, heard[1] };
        var off = UnheardEdgeExtension.Apply(window, chunks, unheard, LetterModel.Blank, Options with { MaxEdgeExtensionSeconds = 0 });
        Assert.Equal(unheard[0].Words, off[0].Words);
    }

    [Fact]
    public void The_move_stops_at_a_pause_at_the_next_line_and_at_the_limit()
    {
        var chunks = new[] { Chunk(0, "a b"), Chunk(1, "c") };
        ChunkPlacement[] Placements(double nextStart) =>
        [
            Placed(chunks[0], -1.0, W("a", T(5), T(9), 0.8), W("b", T(10), T(12), 0.01)),
            Placed(chunks[1], -1.0, W("c", nextStart, nextStart + 0.1, 0.8)),
        ];

        // A pause longer than the speech gap (0.16 s = 8 frames) ends the line's speech.
        var paused = Window(400, [14, 18, 30, 34]);
        Assert.Equal(T(18 + 3), UnheardEdgeExtension.Apply(paused, chunks, Placements(T(300)), LetterModel.Blank, Options)[0].Words[^1].End, 6);

        // Speech running on into the next line's first word stops at that word.
        var running = Window(400, Enumerable.Range(0, 40).Select(i => 14 + 4 * i));
        Assert.Equal(T(40), UnheardEdgeExtension.Apply(running, chunks, Placements(T(40)), LetterModel.Blank, Options)[0].Words[^1].End, 6);

        // ... and never goes further than the limit (1 s = 50 frames past the word's end).
        var moved = UnheardEdgeExtension.Apply(running, chunks, Placements(T(300)), LetterModel.Blank, Options)[0].Words[^1].End;
        Assert.InRange(moved, T(12 + 40), T(12 + 50 + 3));
    }

    [Fact]
    public void Text_squeezed_over_the_line_tail_does_not_bound_it_but_a_trusted_line_does()
    {
        // Line 1 was never spoken and was squeezed over line 0's tail (its words start before line 0 ends, rho -6).
        var window = Window(400, [10, 14, 18, 22, 26, 30, 34, 38, 300, 304]);
        var chunks = new[] { Chunk(0, "a b"), Chunk(1, "never said"), Chunk(2, "c d") };
        var placements = new[]
        {
            Placed(chunks[0], -1.5, W("a", T(5), T(9), 0.8), W("b", T(10), T(20), 0.01)),
            Placed(chunks[1], -6.0, W("never", T(19), T(24), 0.01), W("said", T(25), T(30), 0.01)),
            Placed(chunks[2], -1.0, W("c", T(300), T(302), 0.8), W("d", T(303), T(306), 0.8)),
        };
        var result = UnheardEdgeExtension.Apply(window, chunks, placements, LetterModel.Blank, Options);
        Assert.Equal(T(38 + 3), result[0].Words[^1].End, 6);
    }

    [Fact]
    public void An_unheard_first_word_starts_where_the_adjacent_speech_starts()
    {
        // "people Who ..." was spoken "Therefore, Who ...": the speech starts at frame 60, the caption's first word was
        // squeezed to frames 80-82; the previous line ends at frame 40.
        var window = Window(400, [30, 35, 60, 64, 68, 72, 76, 80, 84, 88]);
        var chunks = new[] { Chunk(0, "before"), Chunk(1, "people who") };
        var placements = new[]
        {
            Placed(chunks[0], -1.0, W("before", T(28), T(40), 0.8)),
            Placed(chunks[1], -1.5, W("people", T(80), T(82), 0.001), W("who", T(84), T(90), 0.8)),
        };
        var result = UnheardEdgeExtension.Apply(window, chunks, placements, LetterModel.Blank, Options);
        Assert.Equal(T(60), result[1].Words[0].Start, 6);
        Assert.Equal(T(82), result[1].Words[0].End, 6);

        // Bounded by the previous line's last word when the speech runs on into it.
        var running = Window(400, Enumerable.Range(0, 25).Select(i => 30 + 2 * i));
        Assert.Equal(T(40), UnheardEdgeExtension.Apply(running, chunks, placements, LetterModel.Blank, Options)[1].Words[0].Start, 6);
    }
}
