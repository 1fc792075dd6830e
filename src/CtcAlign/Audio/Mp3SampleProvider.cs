using NAudio.Wave;
using NLayer;

namespace CtcAlign.Audio;

/// <summary>
/// MPEG audio (MP3) decoded by NLayer, as interleaved float samples at the file's rate and channel count, with the
/// encoder delay, the decoder delay and the end padding removed (<see cref="Mp3GaplessInfo"/>): sample 0 is the
/// first sample given to the encoder, as ffmpeg decodes it.
/// </summary>
public sealed class Mp3SampleProvider : ISampleProvider, IDisposable
{
    private readonly MpegFile _file;
    private readonly Stream _stream;
    private long _toSkip; // interleaved floats still to drop from the start
    private long? _left; // interleaved floats still to give, when the file says its length

    /// <summary>Takes ownership of <paramref name="stream"/>.</summary>
    public Mp3SampleProvider(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        if (stream.CanSeek && !Mp3FrameCheck.HasFrames(stream))
            throw new InvalidDataException("no MPEG audio frame found");
        Gapless = Mp3GaplessInfo.Read(stream);
        _file = new MpegFile(stream);
        if (_file.SampleRate <= 0 || _file.Channels <= 0)
            throw new InvalidDataException("no MPEG audio frame found");
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(_file.SampleRate, _file.Channels);
        _toSkip = (long)Gapless.SkipSamples * _file.Channels;
        _left = Gapless.LengthSamples * _file.Channels;
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>What is removed from the decoder's output: from the LAME tag, or the defaults.</summary>
    public Mp3GaplessInfo Gapless { get; }

    /// <summary>Duration from the LAME tag, else from the frame headers less the start skip; null when NLayer cannot tell.</summary>
    public double? DurationSeconds
    {
        get
        {
            if (Gapless.LengthSamples is { } length)
                return length / (double)_file.SampleRate;
            try
            {
                var seconds = _file.Duration.TotalSeconds - Gapless.SkipSamples / (double)_file.SampleRate;
                return seconds > 0 ? seconds : null;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    public int Read(float[] buffer, int offset, int count)
    {
        while (_toSkip > 0)
        {
            var n = _file.ReadSamples(buffer, offset, (int)Math.Min(count, _toSkip));
            if (n <= 0)
                return 0;
            _toSkip -= n;
        }
        if (_left is { } left)
        {
            if (left <= 0)
                return 0;
            count = (int)Math.Min(count, left);
        }
        var read = _file.ReadSamples(buffer, offset, count);
        if (_left is not null && read > 0)
            _left -= read;
        return read;
    }

    public void Dispose()
    {
        _file.Dispose();
        _stream.Dispose();
    }
}
