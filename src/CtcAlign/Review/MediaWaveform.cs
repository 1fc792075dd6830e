using CtcAlign.Audio;

namespace CtcAlign.Review;

/// <summary>Decodes a media file once, at a low rate, into its <see cref="WaveformOverview"/> (nothing held but the peaks).</summary>
public static class MediaWaveform
{
    /// <summary>Enough for peaks down to 10 ms; decoding at a low rate keeps it quick.</summary>
    public const int DecodeRate = 8_000;

    public static WaveformOverview Read(string audioPath, double durationSeconds, CancellationToken cancellationToken = default)
    {
        using var audio = MediaDecoder.Open(audioPath, DecodeRate);
        var duration = durationSeconds > 0 ? durationSeconds : audio.DurationSeconds ?? 0;
        var builder = new WaveformOverview.Builder(DecodeRate, WaveformOverview.PeaksPerSecondFor(duration));
        var buffer = new float[DecodeRate * 4];
        int n;
        while ((n = audio.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(buffer.AsSpan(0, n));
        }
        return builder.Build();
    }
}
