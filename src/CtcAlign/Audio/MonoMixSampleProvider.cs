using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>Averages the channels of an interleaved source of any channel count into mono.</summary>
public sealed class MonoMixSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _frames = [];

    public MonoMixSampleProvider(ISampleProvider source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.WaveFormat.Encoding != WaveFormatEncoding.IeeeFloat)
            throw new ArgumentException("Source must be IEEE float samples.", nameof(source));
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        var need = count * _channels;
        if (_frames.Length < need)
            _frames = new float[need];
        // Read whole frames: a source may return part of what was asked, so loop until a frame boundary.
        var got = 0;
        while (got < need)
        {
            var n = _source.Read(_frames, got, need - got);
            if (n <= 0)
                break;
            got += n;
            if (got % _channels == 0)
                break;
        }
        var frames = got / _channels;
        var scale = 1f / _channels;
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            var baseIndex = f * _channels;
            for (var c = 0; c < _channels; c++)
                sum += _frames[baseIndex + c];
            buffer[offset + f] = sum * scale;
        }
        return frames;
    }
}
