using System.Numerics;
using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>
/// Band-limited resampling of a mono source: a Kaiser-windowed sinc (32 zero crossings, beta 8.6, cut-off at
/// 95.5% of the lower Nyquist frequency), one precomputed filter per output phase, zero delay. Going to 16 kHz it
/// is flat (error under 1%) to about 7 kHz and at least 60 dB down from 8.4 kHz. Output length is
/// ceil(input * to / from).
/// </summary>
public sealed class SincResamplingSampleProvider : ISampleProvider
{
    private const int ZeroCrossings = 32;
    private const double KaiserBeta = 8.6;
    private const double Rolloff = 0.955;
    private const int MaxPhases = 4096;

    private readonly ISampleProvider _source;
    private readonly long _up;    // output step in phase units: output m sits at input position m * _down / _up
    private readonly long _down;
    private readonly int _phases;
    private readonly int _half;   // taps each side of the centre
    private readonly float[] _filters; // [phase, 2 * _half]
    private float[] _input;
    private long _inputStart;     // source index of _input[0] (negative at the start: zero history)
    private int _inputCount;
    private bool _ended;
    private long _sourceLength = long.MaxValue;
    private long _next;           // next output index

    public SincResamplingSampleProvider(ISampleProvider source, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (source.WaveFormat.Channels != 1)
            throw new ArgumentException($"Source must be mono; it has {source.WaveFormat.Channels} channels.", nameof(source));
        _source = source;
        var from = source.WaveFormat.SampleRate;
        var g = Gcd(from, sampleRate);
        _up = sampleRate / g;
        _down = from / g;
        _phases = (int)Math.Min(_up, MaxPhases);
        var cutoff = Rolloff * Math.Min(1.0, sampleRate / (double)from); // fraction of the input Nyquist
        _half = (int)Math.Ceiling(ZeroCrossings / cutoff);
        _filters = BuildFilters(_phases, _half, cutoff);
        _input = new float[Math.Max(4096, 4 * _half)];
        _inputStart = -_half;
        _inputCount = _half; // zeros before the first sample
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        var taps = 2 * _half;
        var written = 0;
        while (written < count)
        {
            // Output m is centred at input position m * down / up = centre + phase / up.
            var position = _next * _down;
            var centre = position / _up;
            if (centre >= _sourceLength)
                break;
            var first = centre - _half + 1; // taps cover [centre - half + 1, centre + half]
            var last = centre + _half;
            if (last >= _inputStart + _inputCount && !_ended)
            {
                Fill(first, last);
                continue;
            }
            var phase = (int)(position % _up * _phases / _up);
            var filter = _filters.AsSpan(phase * taps, taps);
            var at = (int)(first - _inputStart);
            var available = (int)Math.Min(taps, _inputStart + _inputCount - first);
            buffer[offset + written++] = Dot(_input.AsSpan(at, available), filter[..available]);
            _next++;
        }
        return written;
    }

    /// <summary>Drops input no longer needed and reads until sample <paramref name="last"/> is in (or the source ends).</summary>
    private void Fill(long first, long last)
    {
        var drop = (int)Math.Max(0, first - _inputStart);
        if (drop > 0)
        {
            Array.Copy(_input, drop, _input, 0, _inputCount - drop);
            _inputCount -= drop;
            _inputStart += drop;
        }
        var need = (int)(last - _inputStart + 1);
        if (need + 4096 > _input.Length)
            Array.Resize(ref _input, need + 4096);
        while (_inputStart + _inputCount <= last && !_ended)
        {
            var n = _source.Read(_input, _inputCount, _input.Length - _inputCount);
            if (n <= 0)
            {
                _ended = true;
                _sourceLength = _inputStart + _inputCount;
                // Zeros after the last sample, so the final outputs see a full filter.
                if (_input.Length - _inputCount < 2 * _half)
                    Array.Resize(ref _input, _inputCount + 2 * _half);
                Array.Clear(_input, _inputCount, 2 * _half);
                _inputCount += 2 * _half;
            }
            else
                _inputCount += n;
        }
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> h)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= x.Length - width; i += width)
            sum += new Vector<float>(x.Slice(i, width)) * new Vector<float>(h.Slice(i, width));
        var total = Vector.Sum(sum);
        for (; i < x.Length; i++)
            total += x[i] * h[i];
        return total;
    }

    private static float[] BuildFilters(int phases, int half, double cutoff)
    {
        var taps = 2 * half;
        var filters = new float[phases * taps];
        var i0Beta = BesselI0(KaiserBeta);
        for (var p = 0; p < phases; p++)
        {
            var fraction = p / (double)phases;
            double sum = 0;
            for (var j = 0; j < taps; j++)
            {
                var u = j - half + 1 - fraction; // distance from the output position, in input samples
                var x = cutoff * u;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var r = u / half;
                var window = Math.Abs(r) >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - r * r)) / i0Beta;
                var h = cutoff * sinc * window;
                filters[p * taps + j] = (float)h;
                sum += h;
            }
            for (var j = 0; j < taps; j++)
                filters[p * taps + j] = (float)(filters[p * taps + j] / sum); // unit gain at DC for every phase
        }
        return filters;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 50; k++)
        {
            term *= x / (2 * k) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum)
                break;
        }
        return sum;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
