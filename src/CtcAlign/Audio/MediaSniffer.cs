namespace CtcAlign.Audio;

/// <summary>Recognises a media container from its magic bytes, skipping a leading ID3v2 tag.</summary>
public static class MediaSniffer
{
    /// <summary>Bytes of the file start that <see cref="Sniff(ReadOnlySpan{byte})"/> looks at (MPEG-TS needs two 188-byte packets).</summary>
    public const int HeaderBytes = 377;

    public static MediaContainer Sniff(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[HeaderBytes];
        var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (n >= 10 && header[0] == 'I' && header[1] == 'D' && header[2] == '3')
        {
            // ID3v2: 10-byte header, then a 28-bit "syncsafe" size (+10 more with a footer).
            var size = (header[6] & 0x7F) << 21 | (header[7] & 0x7F) << 14 | (header[8] & 0x7F) << 7 | (header[9] & 0x7F);
            var skip = 10L + size + ((header[5] & 0x10) != 0 ? 10 : 0);
            if (skip >= stream.Length)
                return MediaContainer.Unknown;
            stream.Position = skip;
            n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var inner = Sniff(header.AsSpan(0, n));
            // A tag before MPEG audio frames is an MP3 even when the sync word is preceded by padding.
            return inner == MediaContainer.Unknown ? MediaContainer.Mp3 : inner;
        }
        return Sniff(header.AsSpan(0, n));
    }

    public static MediaContainer Sniff(ReadOnlySpan<byte> h)
    {
        if (Is(h, 0, "RIFF"u8) && Is(h, 8, "WAVE"u8))
            return MediaContainer.Wav;
        if (Is(h, 0, "FORM"u8) && (Is(h, 8, "AIFF"u8) || Is(h, 8, "AIFC"u8)))
            return MediaContainer.Aiff;
        if (Is(h, 0, "fLaC"u8))
            return MediaContainer.Flac;
        if (Is(h, 0, "OggS"u8))
            return MediaContainer.Ogg;
        if (Is(h, 4, "ftyp"u8) || Is(h, 4, "moov"u8) || Is(h, 4, "mdat"u8))
            return MediaContainer.Mp4;
        if (Is(h, 0, [0x1A, 0x45, 0xDF, 0xA3]))
            return MediaContainer.Matroska;
        if (Is(h, 0, "NIST_1A"u8))
            return MediaContainer.Sphere;
        if (h.Length > 188 * 2 && h[0] == 0x47 && h[188] == 0x47 && h[376] == 0x47)
            return MediaContainer.MpegTransport;
        if (IsMpegAudioLayer3Frame(h))
            return MediaContainer.Mp3;
        return MediaContainer.Unknown;
    }

    /// <summary>An MPEG-1/2/2.5 Layer III frame header: 11 sync bits, layer bits 01, a valid bitrate and rate.</summary>
    private static bool IsMpegAudioLayer3Frame(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
            return false;
        var version = (h[1] >> 3) & 0x3;
        var layer = (h[1] >> 1) & 0x3;
        var bitrate = (h[2] >> 4) & 0xF;
        var rate = (h[2] >> 2) & 0x3;
        return version != 1 && layer == 1 && bitrate != 0xF && rate != 0x3;
    }

    private static bool Is(ReadOnlySpan<byte> h, int offset, ReadOnlySpan<byte> magic) =>
        h.Length >= offset + magic.Length && h.Slice(offset, magic.Length).SequenceEqual(magic);
}
