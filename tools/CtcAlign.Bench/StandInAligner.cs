using CtcAlign.Alignment;
using CtcAlign.Pipeline;
using NAudio.Wave;

namespace CtcAlign.Bench;

/// <summary>
/// The cluster benchmark's stand-in for the model: waits <c>cost</c> seconds per second of audio (so the machine's
/// own CPU is not what limits a cluster of workers), then places the caption lines evenly over the audio, words
/// evenly within a line, so the store gets the rows a real alignment writes.
/// </summary>
public sealed class StandInAligner(double costPerAudioSecond) : IMediaAligner
{
    public async Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken)
    {
        double duration;
        using (var reader = new WaveFileReader(job.AudioPath))
            duration = reader.TotalTime.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(duration * costPerAudioSecond), cancellationToken);
        var step = duration / Math.Max(1, job.Captions.Count);
        var segments = job.Captions.Select(c =>
        {
            var start = c.Index * step;
            var words = c.Text.Split(' ');
            var wordStep = step / words.Length;
            return new AlignedSegment(c.Index, c.Text, c.Text.ToLowerInvariant(), start, start + step, -0.5, SegmentStatus.Aligned,
                words.Select((w, i) => new AlignedWord(w, start + i * wordStep, start + (i + 1) * wordStep, 0.9)).ToList());
        }).ToList();
        return new MediaAlignment(job.Id, job.AudioPath, duration, segments);
    }

    public void Dispose()
    {
    }
}
