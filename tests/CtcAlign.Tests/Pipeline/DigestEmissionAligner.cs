using CtcAlign.Alignment;
using CtcAlign.Pipeline;

namespace CtcAlign.Tests.Pipeline;

/// <summary>
/// A deterministic stand-in for the long-form aligner whose result depends on every emission value: it reads all
/// blocks (checking that each starts where the last ended), splits the frames evenly between the caption lines,
/// and gives line i the mean of its frames' values as rho (so any stitching difference changes the result).
/// Lines containing "UNSPOKEN" are not aligned. <see cref="OnBlock"/> runs for each block (tests throw or cancel there).
/// </summary>
internal sealed class DigestEmissionAligner : IEmissionAligner
{
    public Action<MediaJob, int>? OnBlock { get; set; }

    /// <summary>Stop reading after this many blocks (null: read all).</summary>
    public int? StopAfterBlocks { get; set; }

    public async Task<MediaAlignment> AlignAsync(MediaJob job, IAsyncEnumerable<EmissionMatrix> emissions, double? durationSeconds,
        CancellationToken cancellationToken)
    {
        var values = new List<float>();
        var frames = 0;
        var v = 1;
        var frameSeconds = 0.02;
        var index = 0;
        await foreach (var block in emissions.WithCancellation(cancellationToken))
        {
            OnBlock?.Invoke(job, index);
            if (Math.Abs(block.StartSeconds - frames * block.FrameSeconds) > 1e-9)
                throw new InvalidOperationException($"block {index} starts at {block.StartSeconds} s, not at frame {frames}");
            values.AddRange(block.LogProbs.AsSpan(0, block.Frames * block.VocabularySize).ToArray());
            frames += block.Frames;
            v = block.VocabularySize;
            frameSeconds = block.FrameSeconds;
            if (++index == StopAfterBlocks)
                break;
        }

        var n = job.Captions.Count;
        var segments = job.Captions.Select((c, i) =>
        {
            if (c.Text.Contains("UNSPOKEN", StringComparison.Ordinal))
                return new AlignedSegment(i, c.Text, c.Text.ToLowerInvariant(), null, null, -20, SegmentStatus.NotAligned, []);
            int first = frames * i / n, last = frames * (i + 1) / n;
            double sum = 0;
            for (var j = first * v; j < last * v; j++)
                sum += values[j];
            var rho = last > first ? sum / ((last - first) * v) : -10;
            return new AlignedSegment(i, c.Text, c.Text.ToLowerInvariant(), first * frameSeconds, last * frameSeconds, rho,
                rho >= -2 ? SegmentStatus.Aligned : SegmentStatus.LowConfidence,
                [new AlignedWord(c.Text, first * frameSeconds, last * frameSeconds, 0.5)]);
        }).ToList();
        return new MediaAlignment(job.Id, job.AudioPath, durationSeconds ?? frames * frameSeconds, segments);
    }
}
