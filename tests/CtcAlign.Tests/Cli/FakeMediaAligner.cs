using CtcAlign.Alignment;
using CtcAlign.Pipeline;
using NAudio.Wave;

namespace CtcAlign.Tests.Cli;

/// <summary>
/// Aligns without a model: the audio (read for its duration) is split evenly between the caption lines, words
/// evenly within a line; line i gets rho -0.5 * (i + 1); lines containing "UNSPOKEN" are not aligned.
/// <see cref="BeforeAlign"/> runs first (tests use it to cancel or fail on a chosen file).
/// </summary>
public sealed class FakeMediaAligner(AlignerSettings settings) : IMediaAligner
{
    public List<string> Aligned { get; } = [];

    public Func<MediaJob, CancellationToken, Task>? BeforeAlign { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>p_correct of line i for the lines that are placed (null: no p_correct, as a model without calibration).</summary>
    public Func<int, double?>? PCorrectOf { get; set; }

    public async Task<MediaAlignment> AlignAsync(MediaJob job, CancellationToken cancellationToken)
    {
        if (BeforeAlign is not null)
            await BeforeAlign(job, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        double duration;
        using (var reader = new WaveFileReader(job.AudioPath))
            duration = reader.TotalTime.TotalSeconds;
        var step = duration / job.Captions.Count;
        var segments = job.Captions.Select(c =>
        {
            if (c.Text.Contains("UNSPOKEN", StringComparison.Ordinal))
                return new AlignedSegment(c.Index, c.Text, c.Text.ToLowerInvariant(), null, null, -20, SegmentStatus.NotAligned, []);
            var start = c.Index * step;
            var words = c.Text.Split(' ');
            var wordStep = step / words.Length;
            var rho = -0.5 * (c.Index + 1);
            return new AlignedSegment(c.Index, c.Text, c.Text.ToLowerInvariant(), start, start + step, rho,
                rho >= settings.Threshold ? SegmentStatus.Aligned : SegmentStatus.LowConfidence,
                words.Select((w, i) => new AlignedWord(w, start + i * wordStep, start + (i + 1) * wordStep, 0.9)).ToList())
            {
                PCorrect = PCorrectOf?.Invoke(c.Index),
            };
        }).ToList();
        lock (Aligned)
            Aligned.Add(job.Id);
        return new MediaAlignment(job.Id, job.AudioPath, duration, segments);
    }

    public void Dispose() => Disposed = true;
}
