namespace CtcAlign.Audio;

/// <summary>What a file's first bytes say it is (not its extension).</summary>
public enum MediaContainer
{
    /// <summary>Nothing recognised; ffmpeg gets to probe it.</summary>
    Unknown,
    Wav,
    Aiff,
    Mp3,
    Flac,
    Ogg,
    Mp4,
    Matroska,
    MpegTransport,
    Sphere,
}
