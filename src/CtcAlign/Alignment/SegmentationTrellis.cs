using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CtcAlign.Alignment;

/// <summary>
/// The banded ctc-segmentation trellis for one window size: two rolling columns of W scores, one bit per cell
/// (entered this column here, or stayed), the window offset per column, and the backtrack.
/// </summary>
internal sealed unsafe class SegmentationTrellis
{
    private const float Unreachable = -1e9f;

    private readonly float[] _lp;
    private readonly int _frames;
    private readonly int[] _rowOf;
    private readonly int[] _columns;
    private readonly bool[] _separator;
    private readonly float? _star;
    private readonly int _window;
    private readonly int _wordsPerColumn;
    private readonly ulong[] _switched;
    private readonly int[] _offsets;
    private int _lastArgMax;

    /// <param name="lpByToken">Emission rows of the used tokens, token-major (<c>[rowOf[token] * frames + t]</c>); the blank is row 0.</param>
    public SegmentationTrellis(float[] lpByToken, int frames, int[] rowOf, int[] columns, bool[] separator, float? star, int window)
    {
        _lp = lpByToken;
        _frames = frames;
        _rowOf = rowOf;
        _columns = columns;
        _separator = separator;
        _star = star;
        _window = window;
        _wordsPerColumn = (window + 63) >> 6;
        _switched = new ulong[(long)columns.Length * _wordsPerColumn];
        _offsets = new int[columns.Length];
    }

    /// <summary>Staying on the start symbol costs max(blank, star) per frame instead of nothing (needs a star).</summary>
    public bool StarBeforeFirst { get; init; }

    /// <summary>
    /// Per column, the frames its cells may hold (null: all of them); a cell outside is unreachable, so the path enters and
    /// stays in the column only there.
    /// </summary>
    public FrameRange?[]? ColumnFrames { get; init; }

    /// <summary>Fills every column; false when some column has no reachable cell (the window is too small).</summary>
    public bool Fill()
    {
        var w = _window;
        var columnCount = _columns.Length;
        // Score columns are stored from index 1: index 0 holds "unreachable" for frame -1, and a tail of
        // unreachable cells covers reads past the window (the offset step is always below w / 2).
        var length = 1 + w + w / 2 + 16;
        var prev = new float[length];
        var cur = new float[length];
        Array.Fill(prev, Unreachable);
        Array.Fill(cur, Unreachable);
        Array.Fill(prev, 0f, 1, w); // column 0: staying on the start symbol is free
        if (StarBeforeFirst && _star is { } startStar)
        {
            // ... or costs what staying on a separator costs (the blank is row 0 of the used tokens)
            var sum = 0f;
            for (var t = 0; t < w; t++)
            {
                sum += MathF.Max(_lp[t], startStar);
                prev[1 + t] = sum;
            }
        }
        var enter = new float[w + 8];
        var stay = new float[w + 8];
        var higherOffset = (int)((_frames - w) / (float)columnCount) + 1;
        var offsetSum = 0;
        var lastArgMax = 0;
        fixed (float* lpBase = _lp)
        fixed (float* prevBase = prev)
        fixed (float* curBase = cur)
        fixed (float* enterBase = enter)
        fixed (float* stayBase = stay)
        fixed (ulong* bitsBase = _switched)
        {
            var pPrev = prevBase;
            var pCur = curBase;
            for (var c = 1; c < columnCount; c++)
            {
                var rel = Math.Min(Math.Max(0, lastArgMax - w / 2), Math.Min(higherOffset, _frames - w - offsetSum));
                offsetSum += rel;
                _offsets[c] = offsetSum;
                var pToken = lpBase + (long)_rowOf[_columns[c]] * _frames + offsetSum;
                var pBlank = lpBase + offsetSum;
                var star = _separator[c] && _star is { } s ? s : float.NegativeInfinity;
                TransitionCosts(pPrev + rel, pToken, pBlank, star, w, enterBase, stayBase);
                if (ColumnFrames?[c] is { } allowed)
                    Forbid(enterBase, stayBase, w, allowed.First - offsetSum, allowed.Last - offsetSum);
                Scan(enterBase, stayBase, pCur + 1, w);
                var best = SwitchBitsAndArgMax(enterBase, stayBase, pCur, w, bitsBase + (long)c * _wordsPerColumn, out lastArgMax);
                if (best <= Unreachable / 2)
                    return false;
                var swap = pPrev;
                pPrev = pCur;
                pCur = swap;
            }
        }
        _lastArgMax = lastArgMax;
        return true;
    }

    /// <summary>
    /// enter[t] = previous column at frame t - 1 + rel (<paramref name="previousShifted"/>[t]) + the token;
    /// stay[t] = max(blank, token) ("blank or repeat"); with a star, both are at least <paramref name="star"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransitionCosts(float* previousShifted, float* token, float* blank, float star, int w, float* enter, float* stay)
    {
        var t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vStar = Vector256.Create(star);
            for (; t + 8 <= w; t += 8)
            {
                var tok = Vector256.Load(token + t);
                var bl = Vector256.Load(blank + t);
                Vector256.Store(Vector256.Load(previousShifted + t) + Vector256.MaxNative(tok, vStar), enter + t);
                Vector256.Store(Vector256.MaxNative(Vector256.MaxNative(bl, tok), vStar), stay + t);
            }
        }
        for (; t < w; t++)
        {
            enter[t] = previousShifted[t] + float.MaxNative(token[t], star);
            stay[t] = float.MaxNative(float.MaxNative(blank[t], token[t]), star);
        }
    }

    /// <summary>Makes the cells of the band outside <c>[first, last]</c> (band-relative) unreachable: neither entered nor stayed in.</summary>
    private static void Forbid(float* enter, float* stay, int w, int first, int last)
    {
        for (var t = 0; t < Math.Min(first, w); t++)
            enter[t] = stay[t] = Unreachable;
        for (var t = Math.Max(last + 1, 0); t < w; t++)
            enter[t] = stay[t] = Unreachable;
    }

    /// <summary>The sequential part: cur[t] = max(enter[t], cur[t - 1] + stay[t]), with cur[-1] unreachable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(float* enter, float* stay, float* cur, int w)
    {
        var last = Unreachable;
        var t = 0;
        for (; t + 4 <= w; t += 4)
        {
            last = float.MaxNative(enter[t], last + stay[t]);
            cur[t] = last;
            last = float.MaxNative(enter[t + 1], last + stay[t + 1]);
            cur[t + 1] = last;
            last = float.MaxNative(enter[t + 2], last + stay[t + 2]);
            cur[t + 2] = last;
            last = float.MaxNative(enter[t + 3], last + stay[t + 3]);
            cur[t + 3] = last;
        }
        for (; t < w; t++)
        {
            last = float.MaxNative(enter[t], last + stay[t]);
            cur[t] = last;
        }
    }

    /// <summary>
    /// One bit per cell: 1 where entering beat staying (ties stay, as in the reference backtrack). Returns the
    /// column's best value and its first frame. <paramref name="curWithGuard"/>[0] is the unreachable frame -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SwitchBitsAndArgMax(float* enter, float* stay, float* curWithGuard, int w, ulong* bits, out int argMax)
    {
        var cur = curWithGuard + 1;
        var t = 0;
        var best = float.NegativeInfinity;
        ulong word = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vBest = Vector256.Create(float.NegativeInfinity);
            for (; t + 8 <= w; t += 8)
            {
                var stayTotal = Vector256.Load(curWithGuard + t) + Vector256.Load(stay + t);
                var mask = Vector256.GreaterThan(Vector256.Load(enter + t), stayTotal).ExtractMostSignificantBits();
                word |= (ulong)mask << (t & 63);
                if ((t & 63) == 56)
                {
                    bits[t >> 6] = word;
                    word = 0;
                }
                vBest = Vector256.MaxNative(vBest, Vector256.Load(cur + t));
            }
            for (var k = 0; k < 8; k++)
                best = float.MaxNative(best, vBest.GetElement(k));
        }
        for (; t < w; t++)
        {
            if (enter[t] > curWithGuard[t] + stay[t])
                word |= 1UL << (t & 63);
            if ((t & 63) == 63)
            {
                bits[t >> 6] = word;
                word = 0;
            }
            best = float.MaxNative(best, cur[t]);
        }
        if ((w & 63) != 0)
            bits[(w - 1) >> 6] = word;
        argMax = IndexOf(cur, w, best);
        return best;
    }

    private static int IndexOf(float* values, int w, float value)
    {
        var t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(value);
            for (; t + 8 <= w; t += 8)
            {
                var mask = Vector256.Equals(Vector256.Load(values + t), v).ExtractMostSignificantBits();
                if (mask != 0)
                    return t + BitOperations.TrailingZeroCount(mask);
            }
        }
        for (; t < w; t++)
            if (values[t] == value)
                return t;
        return 0;
    }

    /// <summary>
    /// Follows the bits back from the last column's best frame (or the last frame) to the start column. Gives the
    /// frame where each column is entered and the path's log-probability per frame; false when the path leaves the window
    /// or, as in the reference, some cell of column c lies past the end of column c - 1's band (the path hugs the band's edge).
    /// </summary>
    public bool Backtrack(bool fromLastFrame, out int[] entries, out float[] frameLogProbs)
    {
        var columnCount = _columns.Length;
        entries = new int[columnCount];
        frameLogProbs = new float[_frames];
        var c = columnCount - 1;
        var t = fromLastFrame ? _window - 1 : _lastArgMax;
        while (c > 0)
        {
            if (t < 0 || t >= _window)
                return false;
            // The reference reads the previous column at t - 1 + (its offset step) on every step, stays included, and
            // fails (IndexError) past that column's band: a path whose stay runs beyond the end of the previous
            // column's band hugs the band's edge, and the window is doubled.
            if (t - 1 + _offsets[c] - _offsets[c - 1] >= _window)
                return false;
            var frame = _offsets[c] + t;
            var tokenLp = _lp[(long)_rowOf[_columns[c]] * _frames + frame];
            var star = _separator[c] && _star is { } s ? s : float.NegativeInfinity;
            var switched = (_switched[(long)c * _wordsPerColumn + (t >> 6)] >> (t & 63) & 1) != 0;
            if (switched)
            {
                entries[c] = frame;
                frameLogProbs[frame] = MathF.Max(tokenLp, star);
                t = t - 1 + _offsets[c] - _offsets[c - 1];
                c--;
            }
            else
            {
                if (t == 0)
                    return false;
                frameLogProbs[frame] = MathF.Max(MathF.Max(_lp[frame], tokenLp), star);
                t--;
            }
        }
        if (t < 0 || t >= _window)
            return false;
        for (; t >= 1; t--)
            frameLogProbs[t] = _lp[t];
        return true;
    }
}
