using System.Runtime.CompilerServices;
using CtcAlign.Alignment;
using NAudio.Wave;

namespace CtcAlign.Acoustic;

/// <summary>
/// Turns a mono sample stream at the model's rate into CTC log-probability blocks, one per inference window,
/// in media order. Window k reads samples <c>[k*C, k*C + C + 2L)</c> (C = window, L = context, whole frames) and
/// keeps frames <c>[k*C + L, k*C + C + L)</c> (the first window from 0, the last to the end of its output), so
/// block k+1 starts exactly where block k ends. Full windows run <see cref="EmissionOptions.BatchSize"/> at a
/// time; the last, shorter one runs alone at its true length (no padding, so it matches whole-file inference).
/// At most BatchSize windows of audio are held at once.
/// </summary>
public sealed class EmissionComputer
{
    private readonly IFrameModel _model;
    private readonly ModelDescription _description;
    private readonly int _stride;
    private readonly int _core;
    private readonly int _context;
    private readonly int _window;
    private readonly int _batch;

    public EmissionComputer(IFrameModel model, ModelDescription description, EmissionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(description);
        options ??= EmissionOptions.Default;
        if (model.VocabularySize != description.Vocabulary.Count)
            throw new ArgumentException(
                $"Model vocabulary {model.VocabularySize} differs from the description's {description.Vocabulary.Count}.", nameof(model));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WindowSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ContextSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        _model = model;
        _description = description;
        _stride = description.FrameStrideSamples;
        var framesPerSecond = description.SampleRate / (double)_stride;
        _core = Math.Max(1, (int)Math.Round(options.WindowSeconds * framesPerSecond)) * _stride;
        _context = (int)Math.Round(options.ContextSeconds * framesPerSecond) * _stride;
        _window = _core + 2 * _context;
        _batch = options.BatchSize;
    }

    public ModelDescription Description => _description;

    /// <summary>
    /// Shortest audio accepted: 0.1 s or two frames, whichever is longer (convolutional front ends fail on less,
    /// and such a file is almost always a broken one).
    /// </summary>
    public int MinimumSamples => Math.Max(2 * _stride, _description.SampleRate / 10);

    /// <summary>Samples of audio each full window feeds the model (kept part plus context on both sides).</summary>
    public int WindowSamples => _window;

    /// <summary>Emission blocks in media order; each block's StartSeconds is the media time of its first frame.</summary>
    public IEnumerable<EmissionMatrix> ComputeBlocks(ISampleProvider audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.WaveFormat.Channels != 1 || audio.WaveFormat.SampleRate != _description.SampleRate)
            throw new ArgumentException(
                $"Audio must be mono at {_description.SampleRate} Hz; it is {audio.WaveFormat.Channels} ch at {audio.WaveFormat.SampleRate} Hz.", nameof(audio));
        return Blocks(audio, cancellationToken);
    }

    /// <summary><see cref="ComputeBlocks"/> with each batch run on the thread pool.</summary>
    public async IAsyncEnumerable<EmissionMatrix> ComputeBlocksAsync(ISampleProvider audio,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var blocks = ComputeBlocks(audio, cancellationToken).GetEnumerator();
        while (await Task.Run(blocks.MoveNext, cancellationToken).ConfigureAwait(false))
            yield return blocks.Current;
    }

    /// <summary>All emissions of the stream as one matrix (for short files; long ones should consume blocks).</summary>
    public EmissionMatrix ComputeAll(ISampleProvider audio, CancellationToken cancellationToken = default) =>
        Concatenate(ComputeBlocks(audio, cancellationToken).ToList(), _description);

    /// <summary>Joins consecutive blocks into one matrix starting at the first block's time.</summary>
    public static EmissionMatrix Concatenate(IReadOnlyList<EmissionMatrix> blocks, ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var v = description.Vocabulary.Count;
        var frames = blocks.Sum(b => b.Frames);
        var data = new float[(long)frames * v];
        var at = 0;
        foreach (var b in blocks)
        {
            if (b.VocabularySize != v)
                throw new ArgumentException($"Block vocabulary {b.VocabularySize} differs from {v}.", nameof(blocks));
            b.LogProbs.AsSpan(0, b.Frames * v).CopyTo(data.AsSpan(at * v));
            at += b.Frames;
        }
        return new EmissionMatrix(data, frames, v, description.FrameSeconds, blocks.Count > 0 ? blocks[0].StartSeconds : 0);
    }

    private IEnumerable<EmissionMatrix> Blocks(ISampleProvider audio, CancellationToken cancellationToken)
    {
        var buffer = new float[(_batch - 1) * _core + _window + 1];
        var count = 0; // buffer[0] is media sample k * core
        var ended = false;
        long k = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One sample past the batch's last window tells whether that window is the last one.
            var want = buffer.Length;
            while (!ended && count < want)
            {
                var n = audio.Read(buffer, count, want - count);
                if (n <= 0)
                    ended = true;
                else
                    count += n;
            }

            var full = 0;
            var lastLength = 0;
            for (var b = 0; b < _batch; b++)
            {
                var available = count - b * _core;
                if (available > _window)
                {
                    full++;
                    continue;
                }
                lastLength = Math.Max(0, available);
                break;
            }

            if (full > 0)
            {
                var input = new float[full * _window];
                for (var b = 0; b < full; b++)
                    buffer.AsSpan(b * _core, _window).CopyTo(input.AsSpan(b * _window));
                foreach (var block in RunWindows(input, full, _window, k, isLast: false))
                    yield return block;
            }
            if (lastLength > 0 && k + full == 0 && lastLength < MinimumSamples)
                throw new CtcAlignException(
                    $"The audio is only {lastLength / (double)_description.SampleRate:0.###} s long; at least {MinimumSamples / (double)_description.SampleRate:0.###} s is needed.");
            if (lastLength > 0)
            {
                var input = buffer.AsSpan(full * _core, lastLength).ToArray();
                foreach (var block in RunWindows(input, 1, lastLength, k + full, isLast: true))
                    yield return block;
            }
            if (full < _batch)
                yield break;

            var drop = full * _core;
            Array.Copy(buffer, drop, buffer, 0, count - drop);
            count -= drop;
            k += full;
        }
    }

    private IEnumerable<EmissionMatrix> RunWindows(float[] input, int windows, int windowSamples, long firstWindow, bool isLast)
    {
        if (_description.Normalization == InputNormalization.ZeroMeanUnitVariance)
            for (var w = 0; w < windows; w++)
                WindowNormalizer.ZeroMeanUnitVariance(input.AsSpan(w * windowSamples, windowSamples));
        var output = _model.Run(input, windows, windowSamples);
        var v = output.VocabularySize;
        var keptEnd = (_core + _context) / _stride;
        for (var w = 0; w < windows; w++)
        {
            var index = firstWindow + w;
            var start = index == 0 ? 0 : _context / _stride;
            var end = isLast ? output.FramesPerWindow : keptEnd;
            if (end > output.FramesPerWindow)
                throw new CtcAlignException(
                    $"The model gave {output.FramesPerWindow} frames for a window of {windowSamples} samples but frames up to {end} were needed (stride {_stride}); use a longer window context.");
            end = Math.Max(start, end);
            var values = output.Window(w).Slice(start * v, (end - start) * v).ToArray();
            if (_description.OutputKind == ModelOutputKind.Logits)
                LogSoftmax.InPlace(values, v);
            var firstFrame = index * (_core / _stride) + start;
            yield return new EmissionMatrix(values, end - start, v, _description.FrameSeconds, firstFrame * _description.FrameSeconds);
        }
    }
}
