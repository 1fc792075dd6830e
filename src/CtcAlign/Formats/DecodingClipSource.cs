using CtcAlign.Audio;

namespace CtcAlign.Formats;

/// <summary>
/// A <see cref="IClipSource"/> over any media <see cref="MediaDecoder"/> reads (WAV at any rate and channel count,
/// MP3, and through ffmpeg MP4/TS/M4A/FLAC/...), decoded to 16 kHz mono. The current file stays open between calls and
/// is read forward, so clips asked for in time order decode each file once; asking for an earlier clip reopens it.
/// Thread-safe (calls are serialised).
/// </summary>
public sealed class DecodingClipSource : IClipSource, IDisposable
{
    private readonly object _gate = new();
    private DecodedAudio? _audio;
    private string? _path;
    private long _position;

    public float[] ReadClip(string audioPath, long startSample, int sampleCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(audioPath);
        ArgumentOutOfRangeException.ThrowIfNegative(startSample);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        lock (_gate)
        {
            var full = Path.GetFullPath(audioPath);
            if (_audio is null || _path != full || startSample < _position)
            {
                _audio?.Dispose();
                _audio = null;
                _audio = MediaDecoder.Open(full, IClipSource.SampleRate);
                _path = full;
                _position = 0;
            }
            var result = new float[sampleCount];
            var skip = new float[8192];
            while (_position < startSample)
            {
                var n = _audio.Read(skip, 0, (int)Math.Min(skip.Length, startSample - _position));
                if (n == 0)
                    return result; // past the end: silence
                _position += n;
            }
            var filled = 0;
            while (filled < sampleCount)
            {
                var n = _audio.Read(result, filled, sampleCount - filled);
                if (n == 0)
                    break; // end of the media: the rest stays silent
                filled += n;
            }
            _position += filled;
            return result;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _audio?.Dispose();
            _audio = null;
        }
    }
}
