using System.Diagnostics;
using System.Threading.Channels;
using CtcAlign.Acoustic;
using CtcAlign.Alignment;

namespace CtcAlign.Pipeline;

/// <summary>
/// The one inference stage of a <see cref="ChannelMediaAligner"/>: reads windows of every file in flight from one
/// bounded channel, runs consecutive windows of equal length together (up to the batch size, across files), and
/// writes each window's block to its file's emission channel. Files' windows arrive in order and are handled in
/// arrival order, so each file's blocks stay in media order. An end-of-file message completes that file's channel
/// with the decoder's outcome after its last block. A model failure fails the files of that batch; others go on.
/// Runs on a thread of its own and blocks it (model calls are long and CPU-bound), so busy thread-pool threads
/// (decoders, aligners) never delay it.
/// </summary>
internal sealed class InferenceStage(IFrameModel model, WindowLayout layout, ChannelReader<InferenceRequest> requests, StageTimes times)
{
    public void Run(CancellationToken cancellationToken)
    {
        var batch = new List<InferenceRequest>(layout.BatchSize);
        while (requests.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < layout.BatchSize && requests.TryPeek(out var next))
            {
                if (next.File.Abandoned)
                {
                    requests.TryRead(out _);
                    next.Window?.Release();
                    continue;
                }
                if (next.Window is null)
                {
                    if (batch.Count > 0)
                        break; // the file's last windows may be in this batch: run it first
                    requests.TryRead(out _);
                    next.File.Emissions.Writer.TryComplete(next.Error);
                    continue;
                }
                if (batch.Count > 0 && next.Window.Length != batch[0].Window!.Length)
                    break;
                requests.TryRead(out _);
                batch.Add(next);
            }
            if (batch.Count == 0)
                continue;
            RunBatch(batch);
            batch.Clear();
        }
    }

    private void RunBatch(List<InferenceRequest> batch)
    {
        EmissionMatrix[] blocks;
        var start = Stopwatch.GetTimestamp();
        try
        {
            blocks = WindowInference.Run(model, layout, batch.Select(r => r.Window!).ToList());
            times.CountBatch(batch.Count);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var request in batch)
            {
                request.Window!.Release();
                request.File.Fail(ex);
            }
            return;
        }
        finally
        {
            times.AddSince(PipelineStage.Infer, start);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var file = batch[i].File;
            if (file.Abandoned)
                continue;
            try
            {
                if (!file.Emissions.Writer.TryWrite(blocks[i]))
                    file.Emissions.Writer.WriteAsync(blocks[i], file.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                file.Abandon(); // the file's aligner is done or cancelled: it wants no more blocks
            }
        }
    }
}
