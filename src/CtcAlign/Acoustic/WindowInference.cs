using System.Buffers;
using CtcAlign.Alignment;

namespace CtcAlign.Acoustic;

/// <summary>
/// Runs a group of equal-length windows (from one file or several) through the model in one call and keeps
/// each window's own frames as an emission block (log-softmax applied to logits). Releases the windows' buffers.
/// </summary>
public static class WindowInference
{
    public static EmissionMatrix[] Run(IFrameModel model, WindowLayout layout, IReadOnlyList<AudioWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            return [];
        var length = windows[0].Length;
        if (windows.Any(w => w.Length != length))
            throw new ArgumentException($"Windows run together must have one length; got {string.Join(", ", windows.Select(w => w.Length).Distinct())}.", nameof(windows));
        var d = layout.Description;
        var total = windows.Count * length;
        var input = ArrayPool<float>.Shared.Rent(total);
        FrameBatch output;
        try
        {
            for (var w = 0; w < windows.Count; w++)
            {
                var target = input.AsSpan(w * length, length);
                windows[w].Samples.CopyTo(target);
                if (d.Normalization == InputNormalization.ZeroMeanUnitVariance)
                    WindowNormalizer.ZeroMeanUnitVariance(target);
            }
            foreach (var w in windows)
                w.Release();
            output = model.Run(input.AsSpan(0, total), windows.Count, length);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }

        var v = output.VocabularySize;
        var stride = layout.StrideSamples;
        var keptEnd = (layout.CoreSamples + layout.ContextSamples) / stride;
        var blocks = new EmissionMatrix[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            var start = window.Index == 0 ? 0 : layout.ContextSamples / stride;
            var end = window.IsLast ? output.FramesPerWindow : keptEnd;
            if (end > output.FramesPerWindow)
                throw new CtcAlignException(
                    $"The model gave {output.FramesPerWindow} frames for a window of {length} samples but frames up to {end} were needed (stride {stride}); use a longer window context.");
            end = Math.Max(start, end);
            var values = output.Window(w).Slice(start * v, (end - start) * v).ToArray();
            if (d.OutputKind == ModelOutputKind.Logits)
                LogSoftmax.InPlace(values, v);
            var firstFrame = window.Index * (layout.CoreSamples / stride) + start;
            blocks[w] = new EmissionMatrix(values, end - start, v, d.FrameSeconds, firstFrame * d.FrameSeconds);
        }
        return blocks;
    }
}
