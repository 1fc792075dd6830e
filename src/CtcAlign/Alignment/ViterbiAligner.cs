namespace CtcAlign.Alignment;

/// <summary>
/// Standard CTC forced alignment (ALGORITHMS.md section 1): the single best path of a token sequence, expanded
/// with blanks (<c>[b, y1, b, y2, ..., yU, b]</c>, S = 2U + 1 states), through the emission frames. Two rolling
/// score rows, one back-pointer byte per frame x state, a band that skips states that cannot be on a full path,
/// and exact block-wise recomputation when the back-pointers would exceed <see cref="ViterbiOptions.MaxBackPointerBytes"/>.
/// </summary>
public static class ViterbiAligner
{
    /// <summary>Aligns <paramref name="tokens"/> (vocabulary ids, no blanks) over all frames of <paramref name="emissions"/>.</summary>
    public static ViterbiAlignment Align(EmissionMatrix emissions, ReadOnlySpan<int> tokens, int blankIndex, ViterbiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        return Align(emissions, 0, emissions.Frames, tokens, blankIndex, options);
    }

    /// <summary>Aligns <paramref name="tokens"/> over frames <c>[startFrame, endFrame)</c> of <paramref name="emissions"/>.</summary>
    /// <exception cref="AlignmentException">The text needs more frames than the range has.</exception>
    public static ViterbiAlignment Align(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> tokens, int blankIndex,
        ViterbiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(emissions);
        var o = options ?? ViterbiOptions.Default;
        var vocab = emissions.VocabularySize;
        if (startFrame < 0 || endFrame > emissions.Frames || startFrame > endFrame)
            throw new ArgumentOutOfRangeException(nameof(startFrame), $"Frame range [{startFrame}, {endFrame}) is outside the {emissions.Frames} frames.");
        if (blankIndex < 0 || blankIndex >= vocab)
            throw new ArgumentOutOfRangeException(nameof(blankIndex), $"Blank id {blankIndex} >= vocabulary {vocab}.");
        var repeats = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] < 0 || tokens[i] >= vocab)
                throw new ArgumentException($"Target id {tokens[i]} at position {i} is outside vocabulary {vocab}.", nameof(tokens));
            if (tokens[i] == blankIndex)
                throw new ArgumentException($"Target id {tokens[i]} at position {i} is the blank.", nameof(tokens));
            if (i > 0 && tokens[i] == tokens[i - 1])
                repeats++;
        }
        var frames = endFrame - startFrame;
        var u = tokens.Length;
        if (frames < u + repeats)
            throw new AlignmentException(
                $"Text needs at least {u + repeats} frames (U={u} tokens + {repeats} repeats), audio has {frames}.");

        var trellis = new Trellis(emissions.LogProbs, vocab, startFrame, frames, tokens, blankIndex, o.StarLogProb);
        var states = trellis.BestStates(o.MaxBackPointerBytes);
        return BuildResult(emissions, startFrame, endFrame, tokens, blankIndex, o.StarLogProb, states);
    }

    private static ViterbiAlignment BuildResult(EmissionMatrix emissions, int startFrame, int endFrame, ReadOnlySpan<int> tokens, int blank, float? star, int[] states)
    {
        var frames = endFrame - startFrame;
        var vocab = emissions.VocabularySize;
        var lp = emissions.LogProbs;
        var tokenIndex = new int[frames];
        var frameLp = new float[frames];
        var first = new int[tokens.Length];
        var last = new int[tokens.Length];
        var sums = new double[tokens.Length];
        Array.Fill(first, -1);
        double total = 0;
        for (var t = 0; t < frames; t++)
        {
            var s = states[t];
            var k = (s & 1) == 1 ? (s - 1) >> 1 : -1;
            tokenIndex[t] = k;
            var v = lp[(long)(startFrame + t) * vocab + (k >= 0 ? tokens[k] : blank)];
            if (star is { } st && (s == 0 || s == 2 * tokens.Length))
                v = MathF.Max(v, st);
            frameLp[t] = v;
            total += v;
            if (k < 0)
                continue;
            if (first[k] < 0)
                first[k] = t;
            last[k] = t;
            sums[k] += v;
        }
        var spans = new TokenSpan[tokens.Length];
        for (var k = 0; k < tokens.Length; k++)
            spans[k] = new TokenSpan(k, tokens[k], startFrame + first[k], startFrame + last[k] + 1, sums[k] / (last[k] - first[k] + 1));
        return new ViterbiAlignment(startFrame, endFrame, tokenIndex, frameLp, total, spans);
    }

    /// <summary>The trellis over one frame range: forward passes and backtracking.</summary>
    private sealed class Trellis
    {
        private readonly float[] _lp;
        private readonly int _vocab;
        private readonly int _frame0;
        private readonly int _frames;
        private readonly int _states;
        private readonly int[] _label;
        private readonly bool[] _canSkip;
        private readonly float? _star;

        public Trellis(float[] lp, int vocab, int frame0, int frames, ReadOnlySpan<int> tokens, int blank, float? star)
        {
            _star = star;
            _lp = lp;
            _vocab = vocab;
            _frame0 = frame0;
            _frames = frames;
            _states = 2 * tokens.Length + 1;
            _label = new int[_states];
            _canSkip = new bool[_states];
            for (var s = 0; s < _states; s++)
            {
                _label[s] = (s & 1) == 1 ? tokens[(s - 1) >> 1] : blank;
                _canSkip[s] = (s & 1) == 1 && s >= 3 && tokens[(s - 1) >> 1] != tokens[(s - 3) >> 1];
            }
        }

        /// <summary>State of the best path at every frame.</summary>
        public int[] BestStates(long maxBackPointerBytes)
        {
            var path = new int[_frames];
            if (_frames == 0)
                return path;
            var s = _states;
            var blockLength = (long)_frames * s <= maxBackPointerBytes
                ? _frames
                : (int)Math.Clamp(maxBackPointerBytes / s, 1, _frames);
            var blocks = (_frames + blockLength - 1) / blockLength;
            var prev = new double[s];
            var cur = new double[s];

            // Pass 1 (only with several blocks): score rows at the frame before each block start.
            double[][] checkpoints = new double[blocks][];
            if (blocks > 1)
            {
                Array.Fill(prev, double.NegativeInfinity);
                Array.Fill(cur, double.NegativeInfinity);
                for (var t = 0; t < _frames; t++)
                {
                    Step(t, prev, cur, null, 0);
                    (prev, cur) = (cur, prev);
                    if ((t + 1) % blockLength == 0 && (t + 1) / blockLength < blocks)
                        checkpoints[(t + 1) / blockLength] = (double[])prev.Clone();
                }
            }

            var backPointers = new byte[(long)blockLength * s];
            var endState = -1;
            for (var b = blocks - 1; b >= 0; b--)
            {
                var from = b * blockLength;
                var to = Math.Min(_frames, from + blockLength);
                // Rows hold -inf outside their band; only stale values more than two states below it survive, never read.
                Array.Fill(prev, double.NegativeInfinity);
                Array.Fill(cur, double.NegativeInfinity);
                if (b > 0)
                    Array.Copy(checkpoints[b], prev, s);
                for (var t = from; t < to; t++)
                {
                    Step(t, prev, cur, backPointers, (t - from) * s);
                    (prev, cur) = (cur, prev);
                }
                if (endState < 0)
                {
                    endState = s == 1 || prev[s - 1] >= prev[s - 2] ? s - 1 : s - 2;
                    if (double.IsNegativeInfinity(prev[endState]))
                        throw new AlignmentException($"No CTC path fits {_frames} frames for {(s - 1) / 2} tokens.");
                }
                var state = endState;
                for (var t = to - 1; t >= from; t--)
                {
                    path[t] = state;
                    state -= backPointers[(long)(t - from) * s + state];
                }
                endState = state;
            }
            return path;
        }

        /// <summary>Log-probability of state k at an emission row; the edge blanks also accept the star.</summary>
        private double Emission(long row, int k)
        {
            var v = _lp[row + _label[k]];
            return _star is { } star && (k == 0 || k == _states - 1) ? MathF.Max(v, star) : v;
        }

        /// <summary>Computes row t from row t-1 (ignored at t = 0) over the band of states that can lie on a full path.</summary>
        private void Step(int t, double[] prev, double[] cur, byte[]? backPointers, long bpOffset)
        {
            var s = _states;
            var hi = Math.Min(s - 1, 2 * t + 1);
            var lo = Math.Max(0, s - 2 * (_frames - t));
            var row = (long)(_frame0 + t) * _vocab;
            if (t == 0)
            {
                Array.Fill(prev, double.NegativeInfinity);
                Array.Fill(cur, double.NegativeInfinity);
                for (var k = lo; k <= hi; k++)
                    cur[k] = Emission(row, k);
                return;
            }
            for (var k = Math.Max(0, lo - 2); k < lo; k++)
                cur[k] = double.NegativeInfinity;
            for (var k = lo; k <= hi; k++)
            {
                var best = prev[k];
                byte step = 0;
                if (k >= 1 && prev[k - 1] > best)
                {
                    best = prev[k - 1];
                    step = 1;
                }
                if (_canSkip[k] && prev[k - 2] > best)
                {
                    best = prev[k - 2];
                    step = 2;
                }
                cur[k] = best + (k == 0 || k == s - 1 ? Emission(row, k) : _lp[row + _label[k]]);
                if (backPointers is not null)
                    backPointers[bpOffset + k] = step;
            }
        }
    }
}
