using System.Runtime.CompilerServices;
using CtcAlign.Alignment;
using NAudio.Wave;

namespace CtcAlign.Acoustic;

/// <summary>
/// Turns a mono sample stream at the model's rate into CTC log-probability blocks, one per inference window,
/// in media order: <see cref="AudioWindower"/> cuts the windows of a <see cref="WindowLayout"/>, and
/// <see cref="WindowInference"/> runs them and keeps each window's own frames, so block k+1 starts exactly where
/// block k ends. Full windows run <see cref="EmissionOptions.BatchSize"/> at a time; the last, shorter one runs
/// alone at its true length (no padding, so it matches whole-file inference). At most BatchSize windows of audio
/// are held at once.
/// </summary>
public sealed class EmissionComputer
{
    private readonly IFrameModel _model;
    private readonly ModelDescription _description;

    public EmissionComputer(IFrameModel model, ModelDescription description, EmissionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(description);
        if (model.VocabularySize != description.Vocabulary.Count)
            throw new ArgumentException(
                $"Model vocabulary {model.VocabularySize} differs from the description's {description.Vocabulary.Count}.", nameof(model));
        _model = model;
        _description = description;
        Layout = new WindowLayout(description, options);
    }

    public ModelDescription Description => _description;

    /// <summary>The network this computer runs (shared with pipelines that batch windows of several files).</summary>
    public IFrameModel Model => _model;

    /// <summary>Where the windows fall and which frames each keeps.</summary>
    public WindowLayout Layout { get; }

    /// <summary>
    /// Shortest audio accepted: 0.1 s or two frames, whichever is longer (convolutional front ends fail on less,
    /// and such a file is almost always a broken one).
    /// </summary>
    public int MinimumSamples => Layout.MinimumSamples;

    /// <summary>Samples of audio each full window feeds the model (kept part plus context on both sides).</summary>
    public int WindowSamples => Layout.WindowSamples;

    /// <summary>Emission blocks in media order; each block's StartSeconds is the media time of its first frame.</summary>
    public IEnumerable<EmissionMatrix> ComputeBlocks(ISampleProvider audio, CancellationToken cancellationToken = default) =>
        Blocks(AudioWindower.Cut(audio, Layout, cancellationToken));

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

    private IEnumerable<EmissionMatrix> Blocks(IEnumerable<AudioWindow> windows)
    {
        var pending = new List<AudioWindow>(Layout.BatchSize);
        foreach (var window in windows)
        {
            if (!window.IsLast)
            {
                pending.Add(window);
                if (pending.Count < Layout.BatchSize)
                    continue;
            }
            if (pending.Count > 0)
            {
                foreach (var block in WindowInference.Run(_model, Layout, pending))
                    yield return block;
                pending.Clear();
            }
            if (window.IsLast)
                foreach (var block in WindowInference.Run(_model, Layout, [window]))
                    yield return block;
        }
        foreach (var block in WindowInference.Run(_model, Layout, pending))
            yield return block;
    }
}
