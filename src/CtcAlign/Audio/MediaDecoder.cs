using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>
/// Opens any media file as a stream of mono float samples at a target rate. The container is recognised from
/// its first bytes, not its name: WAV (PCM 8/16/24/32-bit, float, extensible) and AIFF are read by NAudio,
/// MP3 by NLayer, everything else (MP4/MOV/MKV/TS, AAC/M4A, FLAC, Ogg, SPHERE, WAV codecs like mu-law...)
/// by an ffmpeg process. The chain is reader -> down-mix -> resample; nothing holds the whole file.
/// </summary>
public static class MediaDecoder
{
    public static DecodedAudio Open(string path, int sampleRate, MediaDecoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        options ??= MediaDecoderOptions.Default;
        var name = Path.GetFileName(path);
        if (Directory.Exists(path))
            throw new AudioFormatException($"{path}: is a folder, not a media file.");
        if (!File.Exists(path))
            throw new AudioFormatException($"{path}: no such file.");
        if (new FileInfo(path).Length == 0)
            throw new AudioFormatException($"{name}: the file is empty (0 bytes).");

        MediaContainer container;
        try
        {
            container = MediaSniffer.Sniff(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException($"{name}: cannot read the file: {ex.Message}", ex);
        }

        if (!options.ForceFfmpeg)
        {
            var native = container switch
            {
                MediaContainer.Wav => OpenWav(path, name, sampleRate),
                MediaContainer.Aiff => OpenAiff(path, name, sampleRate),
                MediaContainer.Mp3 => OpenMp3(path, name, sampleRate),
                _ => null,
            };
            if (native is not null)
                return native;
        }
        return OpenWithFfmpeg(path, name, container, sampleRate, options);
    }

    /// <summary>
    /// Where the first decoded sample of <paramref name="path"/> lies on the programme's timeline (the audio stream's start time
    /// relative to the earliest stream's: audio 0.5 s after the video gives 0.5), from ffprobe when ffmpeg decodes the file, 0
    /// for WAV, AIFF and MP3 read by NAudio/NLayer (one stream) and when ffprobe cannot tell; and the duration the header or
    /// ffprobe gives (null when unknown); and the first video stream's start on the same timeline (null without one). Nothing is decoded.
    /// </summary>
    public static (double AudioStartSeconds, double? DurationSeconds, double? VideoStartSeconds) Timeline(string path, MediaDecoderOptions? options = null)
    {
        options ??= MediaDecoderOptions.Default;
        MediaContainer container;
        try
        {
            container = MediaSniffer.Sniff(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (0, null, null);
        }
        if (!options.ForceFfmpeg && container is MediaContainer.Wav or MediaContainer.Aiff or MediaContainer.Mp3)
        {
            try
            {
                using var audio = Open(path, 16000, options);
                if (audio.Decoder != "ffmpeg")
                    return (0, audio.DurationSeconds, null);
            }
            catch (AudioFormatException)
            {
                return (0, null, null); // the aligner reports the problem
            }
        }
        var ffmpeg = options.FfmpegPath is { } configured ? (File.Exists(configured) ? configured : null) : FfmpegLocator.FindFfmpeg();
        var probe = ffmpeg is null ? null : FfmpegLocator.FindFfprobe(ffmpeg);
        if (probe is null)
            return (0, null, null);
        var probed = FfmpegSampleProvider.Probe(probe, path);
        return (probed.AudioStartSeconds ?? 0, probed.DurationSeconds, probed.VideoStartSeconds);
    }

    private static DecodedAudio? OpenWav(string path, string name, int sampleRate)
    {
        var stream = File.OpenRead(path);
        WaveFileReader reader;
        try
        {
            WavHeaderCheck.Check(stream, name);
            stream.Position = 0;
            reader = new WaveFileReader(stream);
        }
        catch (AudioFormatException)
        {
            stream.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or NotSupportedException)
        {
            stream.Dispose();
            throw new AudioFormatException($"{name}: corrupt or truncated WAV file: {ex.Message.TrimEnd('.')}.", ex);
        }
        if (!PcmToFloatSampleProvider.CanConvert(reader.WaveFormat))
        {
            reader.Dispose(); // e.g. mu-law, ADPCM, GSM: ffmpeg decodes those
            return null;
        }
        return OpenPcm(path, name, MediaContainer.Wav, "WAV", reader, sampleRate);
    }

    private static DecodedAudio? OpenAiff(string path, string name, int sampleRate)
    {
        var stream = File.OpenRead(path);
        AiffFileReader reader;
        try
        {
            reader = new AiffFileReader(stream);
        }
        catch (FormatException ex) when (ex.Message.Contains("compress", StringComparison.OrdinalIgnoreCase))
        {
            stream.Dispose(); // compressed AIFF-C: ffmpeg decodes it
            return null;
        }
        // NAudio's AIFF reader signals some bad headers with a plain Exception ("Incorrect length for long." for a chunk
        // header cut short) and divides by a block align of 0 in its constructor (both found by tools/fuzz).
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or NotSupportedException
                                   or DivideByZeroException or OverflowException || ex.GetType() == typeof(Exception))
        {
            stream.Dispose();
            throw new AudioFormatException($"{name}: corrupt or truncated AIFF file: {ex.Message.TrimEnd('.')}.", ex);
        }
        // What NAudio read from COMM, checked as WavHeaderCheck checks a WAV's fmt (tools/fuzz found divisions by zero,
        // overflows and endless decoding behind headers no real file has).
        var f = reader.WaveFormat;
        var problem = f.SampleRate is <= 0 or > 1_000_000 ? $"sample rate {f.SampleRate} Hz"
            : f.Channels <= 0 ? $"{f.Channels} channels"
            : f.BitsPerSample is not (8 or 16 or 24 or 32) ? $"{f.BitsPerSample} bits per sample"
            : f.BlockAlign != f.Channels * (f.BitsPerSample / 8) ? $"block align {f.BlockAlign} for {f.Channels} channels of {f.BitsPerSample} bits"
            : reader.Length > stream.Length ? $"{reader.Length} bytes of sound data in a file of {stream.Length}"
            : null;
        if (problem is not null)
        {
            reader.Dispose();
            throw new AudioFormatException($"{name}: corrupt AIFF header: {problem}.");
        }
        if (!PcmToFloatSampleProvider.CanConvert(reader.WaveFormat))
        {
            reader.Dispose();
            return null;
        }
        return OpenPcm(path, name, MediaContainer.Aiff, "AIFF", reader, sampleRate);
    }

    private static DecodedAudio OpenPcm(string path, string name, MediaContainer container, string label, WaveStream reader, int sampleRate)
    {
        var format = reader.WaveFormat;
        var chain = new PcmToFloatSampleProvider(reader).ToMonoMix().ResampleTo(sampleRate);
        var declaredBytes = reader.Length;
        var duration = format.AverageBytesPerSecond > 0 ? declaredBytes / (double)format.AverageBytesPerSecond : (double?)null;
        var kind = format.Encoding == WaveFormatEncoding.IeeeFloat || format.BitsPerSample == 64 && format.Encoding != WaveFormatEncoding.Pcm
            ? "float" : "PCM";
        var decoder = $"NAudio {label} ({format.BitsPerSample}-bit {kind}, {format.SampleRate} Hz, {format.Channels} ch)";
        void CheckComplete()
        {
            // A header that promises more data than the file holds: the file was cut short.
            if (reader.Position < declaredBytes && declaredBytes < uint.MaxValue - 64)
                throw new AudioFormatException(
                    $"{name}: truncated {label} file: the header declares {duration:0.##} s of audio but the data ends after {reader.Position / (double)format.AverageBytesPerSecond:0.##} s.");
        }
        return new DecodedAudio(path, container, decoder, chain, duration, reader, CheckComplete);
    }

    private static DecodedAudio OpenMp3(string path, string name, int sampleRate)
    {
        var stream = File.OpenRead(path);
        Mp3SampleProvider mp3;
        try
        {
            mp3 = new Mp3SampleProvider(stream);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new AudioFormatException($"{name}: corrupt MP3 file: {ex.Message.TrimEnd('.')}.", ex);
        }
        var decoder = $"NLayer MP3 ({mp3.WaveFormat.SampleRate} Hz, {mp3.WaveFormat.Channels} ch)";
        var chain = mp3.ToMonoMix().ResampleTo(sampleRate);
        return new DecodedAudio(path, MediaContainer.Mp3, decoder, chain, mp3.DurationSeconds, mp3, null);
    }

    private static DecodedAudio OpenWithFfmpeg(string path, string name, MediaContainer container, int sampleRate, MediaDecoderOptions options)
    {
        var ffmpeg = options.FfmpegPath is { } configured
            ? (File.Exists(configured) ? configured : null)
            : FfmpegLocator.FindFfmpeg();
        if (ffmpeg is null)
        {
            var what = container == MediaContainer.Unknown ? "this format" : container.ToString();
            throw new AudioFormatException(
                $"{name}: reading {what} needs ffmpeg, which was not found; {FfmpegLocator.InstallHint}.");
        }
        // ffmpeg's own down-mix weights channels by layout (stereo at -3 dB each); CtcAlign averages channels
        // like the NAudio path, so ffmpeg keeps the channels when ffprobe can say how many there are.
        var probe = FfmpegLocator.FindFfprobe(ffmpeg);
        var probed = probe is null ? MediaProbe.Unknown : FfmpegSampleProvider.Probe(probe, path);
        var source = new FfmpegSampleProvider(ffmpeg, path, sampleRate, probed.Channels);
        return new DecodedAudio(path, container, "ffmpeg", source.ToMonoMix(), probed.DurationSeconds, source, null)
        {
            StartSeconds = probed.AudioStartSeconds ?? 0,
        };
    }
}
