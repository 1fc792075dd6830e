using System.Buffers.Binary;

namespace CtcAlign.Audio;

/// <summary>
/// Checks a RIFF/WAVE header before NAudio reads it, so that a header no real file has (sample rate 0 or absurd,
/// no channels, 0 or odd bits per PCM sample, block align 0, chunks that run past the end) is one clear
/// <see cref="AudioFormatException"/> instead of a divide by zero, an overflow or a decoder that never ends.
/// </summary>
public static class WavHeaderCheck
{
    /// <summary>Highest sample rate accepted (1 MHz; real files stop at 768 kHz).</summary>
    public const uint MaxSampleRate = 1_000_000;

    /// <summary>Most chunks looked at before the format chunk; a file of tiny junk chunks is rejected after that.</summary>
    public const int MaxChunks = 10_000;

    public static void Check(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        Span<byte> head = stackalloc byte[12];
        stream.Position = 0;
        if (stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12)
            throw Bad(name, "the file ends inside the RIFF header");
        long at = 12;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        var sawFormat = false;
        for (var i = 0; i < MaxChunks && at + 8 <= length; i++)
        {
            stream.Position = at;
            stream.ReadExactly(chunk);
            var id = System.Text.Encoding.ASCII.GetString(chunk[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id == "fmt ")
            {
                if (size < 16 || at + 8 + 16 > length)
                    throw Bad(name, $"the format chunk is {Math.Min(size, length - at - 8)} bytes, fewer than the 16 a format needs");
                if (at + 8 + size > length)
                    throw Bad(name, $"the format chunk says {size} bytes, past the end of the file");
                stream.ReadExactly(fmt);
                CheckFormat(fmt, name);
                sawFormat = true;
            }
            else if (id == "data")
            {
                if (!sawFormat)
                    throw Bad(name, "the data chunk comes before any format chunk");
                return; // a data size beyond the file is reported as truncation once the data runs out
            }
            at += 8 + (long)size + (size & 1);
        }
        throw Bad(name, sawFormat ? "no data chunk" : "no format chunk");
    }

    private static void CheckFormat(ReadOnlySpan<byte> fmt, string name)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0)
            throw Bad(name, "the header says 0 channels");
        if (rate == 0 || rate > MaxSampleRate)
            throw Bad(name, $"the header says a sample rate of {rate} Hz (expected 1 to {MaxSampleRate})");
        if (blockAlign == 0)
            throw Bad(name, "the header says a block align of 0 bytes");
        var isPcmOrFloat = tag is 1 or 3 or 0xFFFE;
        if (bits == 0 || isPcmOrFloat && bits % 8 != 0)
            throw Bad(name, $"the header says {bits} bits per sample");
        if (isPcmOrFloat && blockAlign != channels * (bits / 8))
            throw Bad(name, $"the header says a block align of {blockAlign} bytes, but {channels} ch x {bits} bits is {channels * (bits / 8)}");
    }

    private static AudioFormatException Bad(string name, string reason) =>
        new($"{name}: corrupt or truncated WAV file: {reason}.");
}
