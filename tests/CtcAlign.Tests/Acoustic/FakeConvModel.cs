using CtcAlign.Acoustic;

namespace CtcAlign.Tests.Acoustic;

/// <summary>
/// A C# stand-in for a convolutional CTC network: frame f of a window is a fixed linear map of samples
/// [f*S - S, f*S + 2S) with zeros outside the window, so frames near a window edge differ from whole-file ones
/// unless the window carries context. Records every call.
/// </summary>
internal sealed class FakeConvModel(int vocabularySize = 4, int stride = 320) : IFrameModel
{
    public int VocabularySize => vocabularySize;

    public List<(int Windows, int WindowSamples)> Calls { get; } = [];

    public List<float[]> Inputs { get; } = [];

    public FrameBatch Run(ReadOnlySpan<float> samples, int windows, int windowSamples)
    {
        Calls.Add((windows, windowSamples));
        Inputs.Add(samples.ToArray());
        var frames = windowSamples / stride;
        var v = vocabularySize;
        var output = new float[windows * frames * v];
        for (var w = 0; w < windows; w++)
        {
            var x = samples.Slice(w * windowSamples, windowSamples);
            for (var f = 0; f < frames; f++)
                for (var t = 0; t < v; t++)
                {
                    double sum = 0.1 * t;
                    for (var k = 0; k < 3 * stride; k++)
                    {
                        var j = f * stride - stride + k;
                        if (j >= 0 && j < x.Length)
                            sum += x[j] * Math.Sin(0.003 * (t + 1) * (k + 1));
                    }
                    output[(w * frames + f) * v + t] = (float)sum;
                }
        }
        return new FrameBatch(output, windows, frames, v);
    }
}
