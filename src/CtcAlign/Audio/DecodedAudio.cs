using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>
/// A media file opened by <see cref="MediaDecoder"/>: mono float samples at the requested rate, read in chunks
/// through <see cref="Read"/> (0 = end of stream). Decoder failures, truncation and files without samples
/// surface as one-line <see cref="AudioFormatException"/>s naming the file. Dispose to close the file or ffmpeg.
/// </summary>
public sealed class DecodedAudio : ISampleProvider, IDisposable
{
    private readonly ISampleProvider _chain;
    private readonly IDisposable _owner;
    private readonly Action? _checkComplete;
    private bool _ended;

    internal DecodedAudio(string path, MediaContainer container, string decoder, ISampleProvider chain,
        double? durationSeconds, IDisposable owner, Action? checkComplete)
    {
        Path = path;
        Container = container;
        Decoder = decoder;
        _chain = chain;
        DurationSeconds = durationSeconds;
        _owner = owner;
        _checkComplete = checkComplete;
    }

    public string Path { get; }

    public MediaContainer Container { get; }

    /// <summary>Which decoder reads the file, e.g. "NAudio WAV (16-bit PCM, 44100 Hz, 2 ch)", "NLayer MP3", "ffmpeg".</summary>
    public string Decoder { get; }

    /// <summary>Duration from the file's header, or null when the format does not say (then count samples).</summary>
    public double? DurationSeconds { get; }

    /// <summary>
    /// The first sample's time on the programme's timeline: the audio stream's start relative to the earliest stream of the
    /// container (from ffprobe when ffmpeg decodes); 0 for files NAudio/NLayer read.
    /// </summary>
    public double StartSeconds { get; init; }

    /// <summary>Always IEEE float, mono, at the rate given to <see cref="MediaDecoder.Open"/>.</summary>
    public WaveFormat WaveFormat => _chain.WaveFormat;

    public int SampleRate => _chain.WaveFormat.SampleRate;

    /// <summary>Mono samples delivered so far.</summary>
    public long SamplesRead { get; private set; }

    public int Read(float[] buffer, int offset, int count)
    {
        if (_ended)
            return 0;
        int n;
        try
        {
            n = _chain.Read(buffer, offset, count);
        }
        catch (Exception ex) when (ex is not CtcAlignException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new AudioFormatException(
                $"{System.IO.Path.GetFileName(Path)}: corrupt {Container} data after {SamplesRead / (double)SampleRate:0.##} s ({Decoder}): {ex.Message}", ex);
        }
        if (n > 0)
        {
            SamplesRead += n;
            return n;
        }
        _ended = true;
        _checkComplete?.Invoke();
        if (SamplesRead == 0)
            throw new AudioFormatException($"{System.IO.Path.GetFileName(Path)}: contains no audio samples.");
        return 0;
    }

    public void Dispose() => _owner.Dispose();
}
