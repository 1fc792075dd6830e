using System.Buffers.Binary;

namespace CtcAlign.Audio;

/// <summary>
/// The samples an MP3 decoder's output has beyond the encoded audio. Every Layer III decoder's output lags the input by
/// 529 samples (the synthesis filterbank), and the encoder adds its own delay at the start and padding to fill the last
/// frame. LAME (and ffmpeg's libmp3lame, "Lavc"/"Lavf") writes both in the LAME tag of the first frame, a Xing/Info frame
/// that carries no audio, with the number of audio frames. From these, as ffmpeg does: skip <c>delay + 529</c> samples
/// at the start and keep <c>frames * samples-per-frame - delay - padding</c>. Without a LAME tag the start skip is
/// LAME's usual 576 + 529 and the length is not trimmed.
/// </summary>
/// <param name="SkipSamples">Samples per channel to drop from the start of the decoder's output.</param>
/// <param name="LengthSamples">Samples per channel to keep after that, or null when the file does not say.</param>
/// <param name="FromTag">True when the numbers come from a LAME tag, false for the defaults.</param>
public sealed record Mp3GaplessInfo(int SkipSamples, long? LengthSamples, bool FromTag)
{
    public const int DecoderDelay = 529;

    public const int DefaultEncoderDelay = 576;

    /// <summary>No tag: LAME's usual encoder delay plus the decoder delay, length unknown.</summary>
    public static Mp3GaplessInfo Default { get; } = new(DefaultEncoderDelay + DecoderDelay, null, false);

    /// <summary>Reads the tag from the start of a seekable stream (past an ID3v2 tag) and puts the position back.</summary>
    public static Mp3GaplessInfo Read(Stream stream)
    {
        if (!stream.CanSeek)
            return Default;
        var start = stream.Position;
        try
        {
            var head = new byte[10];
            long offset = 0;
            if (ReadAt(stream, start, head) == 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3')
                offset = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F)) + ((head[5] & 0x10) != 0 ? 10 : 0);
            var frame = new byte[512];
            var n = ReadAt(stream, start + offset, frame);
            return Parse(frame.AsSpan(0, n));
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Parses the first MPEG audio frame (its bytes from the frame header on); <see cref="Default"/> when it holds no LAME tag.</summary>
    public static Mp3GaplessInfo Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 4 || frame[0] != 0xFF || (frame[1] & 0xE0) != 0xE0)
            return Default;
        var version = (frame[1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
        var layer = (frame[1] >> 1) & 3; // 1: Layer III
        if (version == 1 || layer != 1)
            return Default;
        var mono = (frame[3] >> 6) == 3;
        var mpeg1 = version == 3;
        var samplesPerFrame = mpeg1 ? 1152 : 576;
        var sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        var p = 4 + sideInfo;
        if (frame.Length < p + 8)
            return Default;
        var id = frame.Slice(p, 4);
        if (!id.SequenceEqual("Xing"u8) && !id.SequenceEqual("Info"u8))
            return Default;
        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(p + 4)..]);
        p += 8;
        long? frames = null;
        if ((flags & 1) != 0)
        {
            if (frame.Length < p + 4)
                return Default;
            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[p..]);
            p += 4;
        }
        if ((flags & 2) != 0)
            p += 4;
        if ((flags & 4) != 0)
            p += 100;
        if ((flags & 8) != 0)
            p += 4;
        // LAME tag: 9-byte encoder version, then revision, lowpass, replay gain (8), flags, bitrate, delay|padding (12+12 bits)
        if (frame.Length < p + 24)
            return Default;
        var encoder = frame.Slice(p, 4);
        if (!encoder.SequenceEqual("LAME"u8) && !encoder.SequenceEqual("Lavc"u8) && !encoder.SequenceEqual("Lavf"u8))
            return Default;
        var v = frame[p + 21] << 16 | frame[p + 22] << 8 | frame[p + 23];
        var delay = v >> 12;
        var padding = v & 0xFFF;
        long? length = frames is { } f && f * samplesPerFrame - delay - padding > 0 ? f * samplesPerFrame - delay - padding : null;
        return new Mp3GaplessInfo(delay + DecoderDelay, length, true);
    }

    private static int ReadAt(Stream stream, long position, byte[] buffer)
    {
        stream.Position = position;
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
            total += n;
        return total;
    }
}
