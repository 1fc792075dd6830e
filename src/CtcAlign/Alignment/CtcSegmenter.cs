namespace CtcAlign.Alignment;

/// <summary>
/// ctc-segmentation (Kürzinger et al. 2020; ALGORITHMS.md section 2): places a list of utterances in long audio
/// and scores each with rho. Columns: a start symbol (staying there is free, so any preamble is skipped), then per
/// utterance a blank separator and its tokens, then a final separator (with a star and
/// <see cref="CtcSegmentationOptions.StarBeforeFirst"/>, staying on the start symbol costs what a separator costs). Staying in a column costs
/// max(blank, token) ("blank or repeat"), entering it costs the token; there are no blank states between
/// characters. Each column computes a window of W frames whose offset follows the previous column's best frame;
/// a failed backtrack doubles W. As in the reference, the backtrack fails when the path leaves the band or stays in a
/// column past the end of the previous column's band (the path hugs the band's edge).
/// </summary>
public static class CtcSegmenter
{
    /// <summary>Value of cells no path reaches (the reference's prob_max).</summary>
    private const float Unreachable = -1e9f;

    /// <summary>
    /// Segments <paramref name="utterances"/> (token ids per utterance, in spoken order, none empty) over all
    /// frames of <paramref name="emissions"/>.
    /// </summary>
    /// <param name="tokenFrames">Per utterance (null, or null entries: anywhere), the frames its tokens may take: the path
    /// enters its first token and leaves its last inside them (the separators around it are not bound).</param>
    /// <exception cref="AlignmentException">The text needs more frames than the audio has, or no path was found within the maximum window.</exception>
    public static SegmentationResult Segment(EmissionMatrix emissions, IReadOnlyList<int[]> utterances, int blankIndex,
        CtcSegmentationOptions? options = null, IReadOnlyList<FrameRange?>? tokenFrames = null)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        ArgumentNullException.ThrowIfNull(utterances);
        var o = options ?? CtcSegmentationOptions.Default;
        var vocab = emissions.VocabularySize;
        if (blankIndex < 0 || blankIndex >= vocab)
            throw new ArgumentOutOfRangeException(nameof(blankIndex), $"Blank id {blankIndex} >= vocabulary {vocab}.");
        if (utterances.Count == 0)
            throw new ArgumentException("No utterances to segment.", nameof(utterances));
        if (o.MinWindowFrames < 1 || o.MaxWindowFrames < o.MinWindowFrames || o.ScoreWindowFrames < 1)
            throw new ArgumentException($"Window sizes must satisfy 1 <= min ({o.MinWindowFrames}) <= max ({o.MaxWindowFrames}) and L ({o.ScoreWindowFrames}) >= 1.", nameof(options));

        var columns = BuildColumns(utterances, blankIndex, vocab, out var separator, out var utteranceBegin);
        var frames = emissions.Frames;
        var tokenCount = columns.Length - 2 - utterances.Count;
        if (frames < columns.Length)
            throw new AlignmentException(
                $"Text needs at least {columns.Length} frames ({tokenCount} tokens in {utterances.Count} utterances + {utterances.Count + 2} boundary columns), audio has {frames}.");

        if (tokenFrames is not null && tokenFrames.Count != utterances.Count)
            throw new ArgumentException($"{tokenFrames.Count} frame ranges for {utterances.Count} utterances.", nameof(tokenFrames));
        var columnFrames = ColumnFrames(tokenFrames, utteranceBegin);
        var lpByToken = TransposeUsed(emissions, columns, blankIndex, out var rowOf);
        var window = Math.Min(o.MinWindowFrames, frames);
        while (true)
        {
            var trellis = new SegmentationTrellis(lpByToken, frames, rowOf, columns, separator, o.StarLogProb, window)
            {
                StarBeforeFirst = o.StarBeforeFirst,
                ColumnFrames = columnFrames,
            };
            if (trellis.Fill() && trellis.Backtrack(o.BacktrackFromLastFrame, out var entries, out var frameLp))
                return new SegmentationResult(
                    Boundaries(emissions, utterances, utteranceBegin, entries, frameLp, o), window, entries, frameLp);
            if (window >= frames || window * 2 >= o.MaxWindowFrames)
                throw new AlignmentException(
                    $"No segmentation path found with a window of {window} frames (maximum {o.MaxWindowFrames}); the text may not match the audio.");
            window = Math.Min(window * 2, frames);
        }
    }

    /// <summary>
    /// The reference confidence over frames <c>[startFrame, endFrame)</c> of the path log-probabilities: the mean
    /// when the span has at most <paramref name="scoreWindowFrames"/> (L) frames, otherwise
    /// min(0, min over tau in [start, end - L) of mean(c[tau .. tau + L - 1])). Like the reference, the last possible
    /// window start (end - L) is not included. An empty span gives -1e10.
    /// </summary>
    public static double Rho(ReadOnlySpan<float> frameLogProbs, int startFrame, int endFrame, int scoreWindowFrames = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scoreWindowFrames);
        if (startFrame < 0 || endFrame > frameLogProbs.Length)
            throw new ArgumentOutOfRangeException(nameof(startFrame), $"Span [{startFrame}, {endFrame}) is outside the {frameLogProbs.Length} frames.");
        if (endFrame <= startFrame)
            return -1e10;
        var l = scoreWindowFrames;
        if (endFrame - startFrame <= l)
        {
            double s = 0;
            for (var t = startFrame; t < endFrame; t++)
                s += frameLogProbs[t];
            return s / (endFrame - startFrame);
        }
        double sum = 0;
        for (var t = startFrame; t < startFrame + l; t++)
            sum += frameLogProbs[t];
        var minSum = 0.0;
        for (var tau = startFrame; tau < endFrame - l; tau++)
        {
            if (tau > startFrame)
                sum += frameLogProbs[tau + l - 1] - frameLogProbs[tau - 1];
            minSum = Math.Min(minSum, sum);
        }
        return minSum / l;
    }

    /// <summary>The frames each column may hold: an utterance's range for its token columns (not its separator); null when none is bound.</summary>
    private static FrameRange?[]? ColumnFrames(IReadOnlyList<FrameRange?>? tokenFrames, int[] utteranceBegin)
    {
        if (tokenFrames is null || tokenFrames.All(r => r is null))
            return null;
        var result = new FrameRange?[utteranceBegin[^1] + 1];
        for (var i = 0; i < tokenFrames.Count; i++)
            for (var c = utteranceBegin[i] + 1; c < utteranceBegin[i + 1]; c++)
                result[c] = tokenFrames[i];
        return result;
    }

    private static int[] BuildColumns(IReadOnlyList<int[]> utterances, int blank, int vocab, out bool[] separator, out int[] utteranceBegin)
    {
        var count = 2 + utterances.Count + utterances.Sum(u => u?.Length ?? 0);
        var columns = new int[count];
        separator = new bool[count];
        utteranceBegin = new int[utterances.Count + 1];
        columns[0] = -1;
        var c = 1;
        for (var i = 0; i < utterances.Count; i++)
        {
            var u = utterances[i];
            if (u is null || u.Length == 0)
                throw new ArgumentException($"Utterance {i} has no tokens; leave it out or give it text the model can spell.", nameof(utterances));
            utteranceBegin[i] = c;
            separator[c] = true;
            columns[c++] = blank;
            foreach (var id in u)
            {
                if (id < 0 || id >= vocab || id == blank)
                    throw new ArgumentException($"Utterance {i} has token id {id}, which is the blank or outside vocabulary {vocab}.", nameof(utterances));
                columns[c++] = id;
            }
        }
        utteranceBegin[^1] = c;
        separator[c] = true;
        columns[c] = blank;
        return columns;
    }

    /// <summary>The emission rows of the tokens the text uses (blank included), token-major, so columns read contiguously.</summary>
    private static float[] TransposeUsed(EmissionMatrix emissions, int[] columns, int blank, out int[] rowOf)
    {
        var vocab = emissions.VocabularySize;
        rowOf = new int[vocab];
        Array.Fill(rowOf, -1);
        var used = new List<int> { blank };
        rowOf[blank] = 0;
        foreach (var id in columns)
        {
            if (id >= 0 && rowOf[id] < 0)
            {
                rowOf[id] = used.Count;
                used.Add(id);
            }
        }
        var frames = emissions.Frames;
        var result = new float[(long)used.Count * frames];
        var lp = emissions.LogProbs;
        const int block = 256;
        for (var t0 = 0; t0 < frames; t0 += block)
        {
            var t1 = Math.Min(frames, t0 + block);
            for (var r = 0; r < used.Count; r++)
            {
                var id = used[r];
                var dst = (long)r * frames;
                for (var t = t0; t < t1; t++)
                    result[dst + t] = lp[(long)t * vocab + id];
            }
        }
        return result;
    }

    private static List<UtteranceSegment> Boundaries(EmissionMatrix emissions, IReadOnlyList<int[]> utterances, int[] utteranceBegin,
        int[] entries, float[] frameLp, CtcSegmentationOptions o)
    {
        var d = emissions.FrameSeconds;
        double Time(int column) => entries[column] * d;
        var segments = new List<UtteranceSegment>(utterances.Count);
        for (var i = 0; i < utterances.Count; i++)
        {
            var b = utteranceBegin[i];
            var e = utteranceBegin[i + 1];
            var start = Math.Max(Time(b + 1) - o.BoundaryMarginSeconds, (Time(b) + Time(b - 1)) / 2);
            var end = Math.Min(Time(e - 1) + o.BoundaryMarginSeconds, (Time(e) + Time(e - 1)) / 2);
            var startFrame = (int)Math.Round(start / d, MidpointRounding.ToEven);
            var endFrame = Math.Min((int)Math.Round(end / d, MidpointRounding.ToEven), frameLp.Length);
            startFrame = Math.Min(startFrame, frameLp.Length);
            var rho = Rho(frameLp, startFrame, endFrame, o.ScoreWindowFrames);
            var tokenStarts = entries.AsSpan(b + 1, e - b - 1).ToArray();
            var tokenEnds = entries.AsSpan(b + 2, e - b - 1).ToArray();
            segments.Add(new UtteranceSegment(i, startFrame, endFrame, emissions.StartSeconds + start, emissions.StartSeconds + end, rho,
                tokenStarts, tokenEnds));
        }
        return segments;
    }
}
