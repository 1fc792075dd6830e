namespace CtcAlign.Audio;

/// <summary>
/// Whether a stream holds MPEG audio at all: after any ID3v2 tag, a frame header whose computed length lands on a
/// second header of the same version, layer and rate (or on the end of the file), within the first 256 KB. NLayer
/// decodes whatever it is given and can spin without end on bytes that only look like MPEG audio (found by fuzzing:
/// an ID3 header followed by a WAV header), so such input is refused before it reaches the decoder.
/// </summary>
public static class Mp3FrameCheck
{
    private const int ScanBytes = 256 * 1024;

    private static readonly int[][] Kbps =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2/2.5 layers II and III
    ];

    private static readonly int[][] Rates = [[11025, 12000, 8000], [], [22050, 24000, 16000], [44100, 48000, 32000]];

    /// <summary>True when <paramref name="data"/> (the file's first bytes; <paramref name="wholeFile"/>: all of it) starts MPEG audio frames.</summary>
    public static bool HasFrames(ReadOnlySpan<byte> data, bool wholeFile)
    {
        var start = 0;
        if (data.Length >= 10 && data[0] == 'I' && data[1] == 'D' && data[2] == '3')
            start = 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)) + ((data[5] & 0x10) != 0 ? 10 : 0);
        for (var i = start; i + 4 <= data.Length; i++)
        {
            if (FrameLength(data[i..], out var key) is not { } length)
                continue;
            var next = i + length;
            if (next == data.Length && wholeFile)
                return true;
            if (next + 4 <= data.Length && FrameLength(data[next..], out var nextKey) is not null && nextKey == key)
                return true;
        }
        return false;
    }

    /// <summary>Reads up to 256 KB from the stream's position (put back afterwards) and checks it.</summary>
    public static bool HasFrames(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[(int)Math.Min(ScanBytes, Math.Max(0, stream.Length - start))];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
            total += n;
        stream.Position = start;
        return HasFrames(buffer.AsSpan(0, total), start + total >= stream.Length);
    }

    // The length in bytes of the frame whose header starts h, or null when h is no valid header; key: version, layer, rate.
    private static int? FrameLength(ReadOnlySpan<byte> h, out int key)
    {
        key = 0;
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
            return null;
        int version = (h[1] >> 3) & 3, layer = (h[1] >> 1) & 3, bitrate = h[2] >> 4, rate = (h[2] >> 2) & 3, pad = (h[2] >> 1) & 1;
        if (version == 1 || layer == 0 || bitrate is 0 or 15 || rate == 3)
            return null;
        var table = version == 3 ? 3 - layer : layer == 3 ? 3 : 4; // layer bits: 3 = I, 2 = II, 1 = III
        var bps = Kbps[table][bitrate] * 1000;
        var hz = Rates[version][rate];
        key = version << 4 | layer << 2 | rate;
        return layer switch
        {
            3 => (12 * bps / hz + pad) * 4,
            1 when version != 3 => 72 * bps / hz + pad,
            _ => 144 * bps / hz + pad,
        };
    }
}
