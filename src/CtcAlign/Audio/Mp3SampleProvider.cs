using NAudio.Wave;
using NLayer;

namespace CtcAlign.Audio;

/// <summary>MPEG audio (MP3) decoded by NLayer, as interleaved float samples at the file's rate and channel count.</summary>
public sealed class Mp3SampleProvider : ISampleProvider, IDisposable
{
    private readonly MpegFile _file;
    private readonly Stream _stream;

    /// <summary>Takes ownership of <paramref name="stream"/>.</summary>
    public Mp3SampleProvider(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _file = new MpegFile(stream);
        if (_file.SampleRate <= 0 || _file.Channels <= 0)
            throw new InvalidDataException("no MPEG audio frame found");
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(_file.SampleRate, _file.Channels);
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>Duration from the frame headers, or null when NLayer cannot tell.</summary>
    public double? DurationSeconds
    {
        get
        {
            try
            {
                var seconds = _file.Duration.TotalSeconds;
                return seconds > 0 ? seconds : null;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    public int Read(float[] buffer, int offset, int count) => _file.ReadSamples(buffer, offset, count);

    public void Dispose()
    {
        _file.Dispose();
        _stream.Dispose();
    }
}
