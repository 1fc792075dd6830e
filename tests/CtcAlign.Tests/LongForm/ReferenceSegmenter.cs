using CtcAlign.Alignment;
using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

/// <summary>
/// A plain (unbanded) ctc-segmentation per ALGORITHMS.md section 2, for tests only: column 0 is a free start, every
/// utterance's tokens are columns followed by one blank column; staying in a token column costs
/// max(blank, token), entering it costs the token; rho is the min 30-frame windowed mean along the path.
/// </summary>
internal sealed class ReferenceSegmenter(int blank) : IUtteranceSegmenter
{
    private const int RhoWindow = 30;

    public int Calls { get; private set; }

    public IReadOnlyList<UtteranceSpan> Segment(EmissionMatrix window, IReadOnlyList<Utterance> utterances)
    {
        Calls++;
        var columns = new List<int> { -1 };
        var firstColumn = new int[utterances.Count];
        var lastColumn = new int[utterances.Count];
        for (var u = 0; u < utterances.Count; u++)
        {
            firstColumn[u] = columns.Count;
            columns.AddRange(utterances[u].TokenIds);
            lastColumn[u] = columns.Count - 1;
            columns.Add(blank);
        }
        int T = window.Frames, J = columns.Count;
        if (T < J - 1)
            throw new AlignmentException($"Audio is shorter than text: {T} frames < {J - 1} columns.");

        var previous = new double[J];
        var current = new double[J];
        var entered = new bool[T * J];
        var finalColumn = new double[T]; // score of the final blank column per frame: the best end is its maximum
        Array.Fill(previous, double.NegativeInfinity);
        previous[0] = 0;
        previous[1] = window[0, columns[1]];
        entered[1] = true;
        finalColumn[0] = previous[J - 1];
        for (var t = 1; t < T; t++)
        {
            current[0] = 0;
            for (var j = 1; j < J; j++)
            {
                var token = columns[j];
                var stayCost = token == blank ? window[t, blank] : Math.Max(window[t, blank], window[t, token]);
                var stay = previous[j] + stayCost;
                var enter = previous[j - 1] + window[t, token];
                if (enter > stay)
                {
                    current[j] = enter;
                    entered[t * J + j] = true;
                }
                else
                {
                    current[j] = stay;
                }
            }
            finalColumn[t] = current[J - 1];
            (previous, current) = (current, previous);
        }

        // Backtrack from the best frame of the final blank column (as ctc-segmentation does by default): audio after
        // the text's best end belongs to no utterance.
        var endFrame = 0;
        for (var t = 1; t < T; t++)
            if (finalColumn[t] > finalColumn[endFrame])
                endFrame = t;
        if (double.IsNegativeInfinity(finalColumn[endFrame]))
            throw new AlignmentException($"Audio is shorter than text: no path through {J} columns in {T} frames.");
        var column = J - 1;
        var columnAt = new int[T];
        Array.Fill(columnAt, J);
        var cost = new double[T];
        for (var t = endFrame; t >= 0; t--)
        {
            columnAt[t] = column;
            var token = columns[column];
            if (column == 0)
                cost[t] = 0;
            else if (entered[t * J + column])
                cost[t] = window[t, token];
            else
                cost[t] = token == blank ? window[t, blank] : Math.Max(window[t, blank], window[t, token]);
            if (t > 0 && column > 0 && entered[t * J + column])
                column--;
        }

        var spans = new UtteranceSpan[utterances.Count];
        for (var u = 0; u < utterances.Count; u++)
        {
            var start = Array.FindIndex(columnAt, c => c >= firstColumn[u]);
            var end = Array.FindLastIndex(columnAt, endFrame, c => c <= lastColumn[u]) + 1;
            spans[u] = new UtteranceSpan(start, end, Rho(cost.AsSpan(start, end - start)));
        }
        return spans;
    }

    private static double Rho(ReadOnlySpan<double> c)
    {
        if (c.Length <= RhoWindow)
        {
            double mean = 0;
            foreach (var v in c)
                mean += v;
            return Math.Min(0, mean / Math.Max(c.Length, 1));
        }
        double sum = 0;
        for (var i = 0; i < RhoWindow; i++)
            sum += c[i];
        var min = sum;
        for (var i = RhoWindow; i < c.Length; i++)
        {
            sum += c[i] - c[i - RhoWindow];
            min = Math.Min(min, sum);
        }
        return Math.Min(0, min / RhoWindow);
    }
}
