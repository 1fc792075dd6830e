using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;
using CtcAlign.Audio;

namespace CtcAlign.Pipeline;

/// <summary>
/// Aligns media files through stages joined by bounded channels:
/// decode (per file: decoder -> mono at the model's rate -> <see cref="AudioWindower"/> windows) -> one shared
/// inference stage (batches windows across all files in flight, keeps each window's frames as
/// <see cref="WindowInference"/> does for <see cref="EmissionComputer"/>) -> align (per file: the file's blocks,
/// in order, as an <see cref="IAsyncEnumerable{T}"/> into the <see cref="IEmissionAligner"/>). Each
/// <see cref="AlignAsync"/> call is one file in flight; the align command's <c>--jobs N</c> makes N calls at once.
/// A decoder error reaches the file's aligner after the blocks before it (as in the sequential path) and fails
/// that file only; cancelling a call stops its decoding and drops its queued windows; nothing is stored here.
/// </summary>
public sealed class ChannelMediaAligner : IMediaAligner, IMonitoredAligner
{
    private readonly IFrameModel _model;
    private readonly WindowLayout _layout;
    private readonly IEmissionAligner _aligner;
    private readonly ChannelMediaAlignerOptions _options;
    private readonly IDisposable? _owned;
    private readonly Channel<InferenceRequest> _requests;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<FileInFlight, long> _inFlight = new();
    private readonly Task _inference;
    private long _started;
    private int _disposed;

    /// <param name="model">The network; only the inference stage calls it (one call at a time).</param>
    /// <param name="layout">Windows and batch size, as <see cref="EmissionComputer.Layout"/>.</param>
    /// <param name="aligner">Aligns one file's captions to its streamed emissions; called for several files at once.</param>
    /// <param name="owned">Disposed with this aligner (e.g. the <see cref="AcousticModel"/> behind <paramref name="model"/>).</param>
    public ChannelMediaAligner(IFrameModel model, WindowLayout layout, IEmissionAligner aligner,
        ChannelMediaAlignerOptions? options = null, IDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(aligner);
        options ??= ChannelMediaAlignerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WindowQueue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BlocksPerFile);
        if (model.VocabularySize != layout.Description.Vocabulary.Count)
            throw new ArgumentException(
                $"Model vocabulary {model.VocabularySize} differs from the description's {layout.Description.Vocabulary.Count}.", nameof(model));
        _model = model;
        _layout = layout;
        _aligner = aligner;
        _options = options;
        _owned = owned;
        _requests = Channel.CreateBounded<InferenceRequest>(
            new BoundedChannelOptions(options.WindowQueue) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _inference = Task.Factory.StartNew(RunInference, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The pipeline over a loaded model (its windows, batch size and decoder options); disposing the pipeline disposes the model.</summary>
    public static ChannelMediaAligner Create(AcousticModel model, IEmissionAligner aligner, ChannelMediaAlignerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= ChannelMediaAlignerOptions.Default;
        if (options.Decoder is null && model.Options.Decoder is not null)
            options = options with { Decoder = model.Options.Decoder };
        return new ChannelMediaAligner(model.Emissions.Model, model.Emissions.Layout, aligner, options, model);
    }

    /// <summary>
    /// What the align verb runs: the model <paramref name="settings"/> names (or the default model) on its device,
    /// feeding <see cref="CaptionEmissionAligner"/> with these settings (as <see cref="SequentialMediaAligner.Load"/>).
    /// </summary>
    public static ChannelMediaAligner Load(AlignerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var model = AcousticModel.Load(SequentialMediaAligner.ModelDirectory(settings.Model),
            new AcousticModelOptions(Onnx: SequentialMediaAligner.OnnxOptions(settings)));
        try
        {
            return Create(model, new CaptionEmissionAligner(model.Description.Vocabulary, settings.ForModel(model.Description)));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public StageTimes Times { get; } = new();

    // ToArray is the dictionary's one atomic snapshot: LINQ over the dictionary itself sizes its result from Count
    // and then enumerates, so a file finishing in between left a null entry (seen with --jobs 2).
    public IReadOnlyList<MediaProgress> InFlight() =>
        _inFlight.ToArray().OrderBy(p => p.Value).Select(p => p.Key.Progress()).ToList();

    public async Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var fileCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var token = fileCts.Token;

        var opening = Stopwatch.GetTimestamp();
        var audio = await Task.Run(() => MediaDecoder.Open(job.AudioPath, _layout.Description.SampleRate, _options.Decoder), token)
            .ConfigureAwait(false);
        Times.AddSince(PipelineStage.Decode, opening);
        using (audio)
        {
            var file = new FileInFlight(job, audio.DurationSeconds, _options.BlocksPerFile, token);
            _inFlight[file] = Interlocked.Increment(ref _started);
            var decode = Task.Run(() => DecodeAsync(file, audio), CancellationToken.None);
            try
            {
                return await Task.Run(() => AlignFileAsync(file), token).ConfigureAwait(false);
            }
            finally
            {
                file.Abandon();
                await fileCts.CancelAsync().ConfigureAwait(false);
                await decode.ConfigureAwait(false); // never faults: its outcome went to the file's emissions
                _inFlight.TryRemove(file, out _);
            }
        }
    }

    /// <summary>The decode stage of one file: windows into the shared channel, then an end message with the outcome.</summary>
    private async Task DecodeAsync(FileInFlight file, DecodedAudio audio)
    {
        Exception? error = null;
        try
        {
            using var windows = AudioWindower.Cut(audio, _layout, file.Token).GetEnumerator();
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var more = windows.MoveNext();
                Times.AddSince(PipelineStage.Decode, start);
                if (!more)
                    break;
                var request = new InferenceRequest(file, windows.Current);
                if (!_requests.Writer.TryWrite(request))
                {
                    try
                    {
                        await _requests.Writer.WriteAsync(request, file.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        windows.Current.Release();
                        throw;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (file.Token.IsCancellationRequested)
        {
            return; // cancelled, or the aligner is done: nobody waits for the end message
        }
        catch (ChannelClosedException ex)
        {
            file.Fail(ex.InnerException ?? new ObjectDisposedException(nameof(ChannelMediaAligner)));
            return;
        }
        catch (Exception ex)
        {
            error = ex;
        }

        try
        {
            await _requests.Writer.WriteAsync(new InferenceRequest(file, null, error), file.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (file.Token.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException ex)
        {
            file.Fail(ex.InnerException ?? new ObjectDisposedException(nameof(ChannelMediaAligner)));
        }
    }

    /// <summary>The align stage of one file; its busy time excludes the time spent waiting for emissions.</summary>
    private async Task<MediaAlignment> AlignFileAsync(FileInFlight file)
    {
        var start = Stopwatch.GetTimestamp();
        var waited = new StrongBox<long>();
        try
        {
            return await _aligner.AlignAsync(file.Job, file.ReadBlocksAsync(waited, file.Token), file.DurationSeconds, file.Token)
                .ConfigureAwait(false);
        }
        finally
        {
            Times.AddTicks(PipelineStage.Align, Stopwatch.GetTimestamp() - start - waited.Value);
        }
    }

    private void RunInference()
    {
        Exception? failure = null;
        try
        {
            new InferenceStage(_model, _layout, _requests.Reader, Times).Run(_lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            // Nothing reads the windows any more: stop the decoders and end every file still in flight.
            var reason = failure ?? new ObjectDisposedException(nameof(ChannelMediaAligner));
            _requests.Writer.TryComplete(reason);
            foreach (var file in _inFlight.Keys)
                file.Fail(reason);
            while (_requests.Reader.TryRead(out var left))
                left.Window?.Release();
        }
    }

    /// <summary>Stops the inference stage, waits for it, and disposes what the pipeline owns. Files still in flight fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _requests.Writer.TryComplete();
        if (!_inFlight.IsEmpty)
            _lifetime.Cancel();
        _inference.GetAwaiter().GetResult();
        _lifetime.Dispose();
        _owned?.Dispose();
    }
}
