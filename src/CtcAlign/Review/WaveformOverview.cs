namespace CtcAlign.Review;

/// <summary>
/// A waveform drawn from peaks: <see cref="Peaks"/>[i] is the largest absolute sample value in the i-th bucket of
/// 1 / <see cref="PeaksPerSecond"/> seconds, scaled to 0..255. The resolution suits the media's length
/// (<see cref="PeaksPerSecondFor"/>), so a 3-hour programme costs a few hundred kilobytes, not every sample.
/// </summary>
public sealed record WaveformOverview(double PeaksPerSecond, byte[] Peaks)
{
    /// <summary>The finest resolution: 100 peaks a second (10 ms, finer than a word).</summary>
    public const double MaxPeaksPerSecond = 100;

    /// <summary>At most this many peaks in one page (a 3-hour programme gets 18.5 a second).</summary>
    public const int MaxPeaks = 200_000;

    /// <summary>Peaks a second for media of this length: 100, fewer past 2,000 s so the total stays at most <see cref="MaxPeaks"/>.</summary>
    public static double PeaksPerSecondFor(double durationSeconds) =>
        durationSeconds * MaxPeaksPerSecond <= MaxPeaks ? MaxPeaksPerSecond : MaxPeaks / Math.Max(durationSeconds, 1e-9);

    /// <summary>The overview of mono samples at <paramref name="sampleRate"/>, at <paramref name="peaksPerSecond"/>.</summary>
    public static WaveformOverview FromSamples(ReadOnlySpan<float> samples, int sampleRate, double peaksPerSecond)
    {
        var builder = new Builder(sampleRate, peaksPerSecond);
        builder.Add(samples);
        return builder.Build();
    }

    /// <summary>Collects peaks from samples given in chunks of any size (a decoder's reads), without keeping them.</summary>
    public sealed class Builder
    {
        private readonly List<byte> _peaks = [];
        private readonly double _samplesPerPeak;
        private readonly double _peaksPerSecond;
        private long _samples;
        private float _current;
        private long _bucketEnd;

        public Builder(int sampleRate, double peaksPerSecond)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
            if (!(peaksPerSecond > 0) || peaksPerSecond > sampleRate)
                throw new ArgumentOutOfRangeException(nameof(peaksPerSecond), peaksPerSecond, "must be above 0 and at most the sample rate");
            _samplesPerPeak = sampleRate / peaksPerSecond;
            _peaksPerSecond = peaksPerSecond;
            _bucketEnd = BucketEnd(0);
        }

        public void Add(ReadOnlySpan<float> samples)
        {
            foreach (var x in samples)
            {
                if (_samples == _bucketEnd)
                    Flush();
                var a = Math.Abs(x);
                if (a > _current)
                    _current = a;
                _samples++;
            }
        }

        public WaveformOverview Build()
        {
            if (_samples > 0 && _samples > (long)Math.Round(_peaks.Count * _samplesPerPeak))
                Flush();
            return new WaveformOverview(_peaksPerSecond, [.. _peaks]);
        }

        private void Flush()
        {
            _peaks.Add((byte)Math.Round(Math.Min(1f, _current) * 255));
            _current = 0;
            _bucketEnd = BucketEnd(_peaks.Count);
        }

        private long BucketEnd(int bucket) => (long)Math.Round((bucket + 1) * _samplesPerPeak);
    }
}
