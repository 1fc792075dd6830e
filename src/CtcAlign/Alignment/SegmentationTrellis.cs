using System.Runtime.CompilerServices;

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

    /// <summary>Fills every column; false when some column has no reachable cell (the window is too small).</summary>
    public bool Fill()
    {
        var w = _window;
        var columnCount = _columns.Length;
        var prev = new float[w];
        var cur = new float[w];
        var higherOffset = (int)((_frames - w) / (float)columnCount) + 1;
        var offsetSum = 0;
        var lastArgMax = 0; // column 0 is all zeros: its first best frame is 0
        fixed (float* lpBase = _lp)
        fixed (float* prevBase = prev)
        fixed (float* curBase = cur)
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
                var best = FillColumn(pPrev, pCur, pToken, pBlank, star, rel, w, bitsBase + (long)c * _wordsPerColumn, out lastArgMax);
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
    /// One column: cell t = max(enter: previous column at t - 1 + rel, plus the token; stay: this column at t - 1,
    /// plus max(blank, token)). Returns the column's best value and (out) its first best frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float FillColumn(float* prev, float* cur, float* token, float* blank, float star, int rel, int w,
        ulong* bits, out int argMax)
    {
        // prev[t - 1 + rel] exists for 1 - rel <= t <= w - rel.
        var pv = prev + rel - 1;
        float enter0 = MathF.Max(token[0], star);
        var sw = rel >= 1 && rel <= w ? prev[rel - 1] + enter0 : Unreachable;
        var last = MathF.Max(sw, Unreachable);
        cur[0] = last;
        var best = last;
        argMax = 0;
        ulong acc = sw > Unreachable ? 1UL : 0UL;
        var switchEnd = Math.Min(w - 1, w - rel);
        var t = 1;
        for (; t <= switchEnd; t++)
        {
            var tok = token[t];
            var stay = last + float.MaxNative(float.MaxNative(blank[t], tok), star);
            var enter = pv[t] + float.MaxNative(tok, star);
            var v = float.MaxNative(enter, stay);
            acc |= (ulong)Unsafe.BitCast<bool, byte>(enter > stay) << (t & 63);
            if ((t & 63) == 63)
            {
                bits[t >> 6] = acc;
                acc = 0;
            }
            cur[t] = v;
            last = v;
            if (v > best)
            {
                best = v;
                argMax = t;
            }
        }
        for (; t < w; t++)
        {
            var v = last + float.MaxNative(float.MaxNative(blank[t], token[t]), star);
            if ((t & 63) == 63)
            {
                bits[t >> 6] = acc;
                acc = 0;
            }
            cur[t] = v;
            last = v;
            if (v > best)
            {
                best = v;
                argMax = t;
            }
        }
        if ((w & 63) != 0)
            bits[(w - 1) >> 6] = acc;
        return best;
    }

    /// <summary>
    /// Follows the bits back from the last column's best frame (or the last frame) to the start column. Gives the
    /// frame where each column is entered and the path's log-probability per frame; false when the path leaves the window.
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
