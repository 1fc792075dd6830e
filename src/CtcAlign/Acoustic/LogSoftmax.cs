namespace CtcAlign.Acoustic;

/// <summary>Row-wise log-softmax over a row-major [rows, columns] array.</summary>
public static class LogSoftmax
{
    public static void InPlace(Span<float> values, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (values.Length % columns != 0)
            throw new ArgumentException($"{values.Length} values are not whole rows of {columns}.", nameof(values));
        for (var start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            var max = float.NegativeInfinity;
            foreach (var v in row)
                if (v > max)
                    max = v;
            double sum = 0;
            foreach (var v in row)
                sum += Math.Exp(v - max);
            var logZ = max + (float)Math.Log(sum);
            for (var i = 0; i < row.Length; i++)
                row[i] -= logZ;
        }
    }
}
