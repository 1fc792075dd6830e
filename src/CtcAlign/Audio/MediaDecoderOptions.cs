namespace CtcAlign.Audio;

/// <summary>How <see cref="MediaDecoder"/> reads files.</summary>
/// <param name="FfmpegPath">ffmpeg to use for containers NAudio/NLayer do not read; null = CTCALIGN_FFMPEG, else the PATH.</param>
/// <param name="ForceFfmpeg">Decode every file with ffmpeg, WAV and MP3 included.</param>
public sealed record MediaDecoderOptions(string? FfmpegPath = null, bool ForceFfmpeg = false)
{
    public static MediaDecoderOptions Default { get; } = new();
}
