namespace CtcAlign.Acoustic;

/// <summary>Zero mean, unit variance scaling of one window, as wav2vec2's feature extractor does (variance + 1e-7).</summary>
public static class WindowNormalizer
{
    public static void ZeroMeanUnitVariance(Span<float> window)
    {
        if (window.IsEmpty)
            return;
        double sum = 0;
        foreach (var x in window)
            sum += x;
        var mean = sum / window.Length;
        double squares = 0;
        foreach (var x in window)
            squares += (x - mean) * (x - mean);
        var scale = 1.0 / Math.Sqrt(squares / window.Length + 1e-7);
        for (var i = 0; i < window.Length; i++)
            window[i] = (float)((window[i] - mean) * scale);
    }
}
