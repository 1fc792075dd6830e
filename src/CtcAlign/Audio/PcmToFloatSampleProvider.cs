using NAudio.Wave;

namespace CtcAlign.Audio;

/// <summary>
/// Interleaved float samples from integer PCM (8-bit unsigned, 16/24/32-bit signed) or IEEE float (32/64-bit)
/// bytes, including WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format. Keeps the channel count.
/// </summary>
public sealed class PcmToFloatSampleProvider : ISampleProvider
{
    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private readonly IWaveProvider _source;
    private readonly int _bytesPerSample;
    private readonly bool _isFloat;
    private byte[] _bytes = [];
    private byte[] _scratch = [];
    private int _pending; // bytes of a partial sample left over from the last read

    public PcmToFloatSampleProvider(IWaveProvider source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!TryDescribe(source.WaveFormat, out _isFloat, out var bits))
            throw new ArgumentException($"Source must be PCM or IEEE float; it is {source.WaveFormat}.", nameof(source));
        _source = source;
        _bytesPerSample = bits / 8;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, source.WaveFormat.Channels);
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>True when <paramref name="format"/> is a PCM or float layout this provider converts.</summary>
    public static bool CanConvert(WaveFormat format) => TryDescribe(format, out _, out _);

    private static bool TryDescribe(WaveFormat format, out bool isFloat, out int bits)
    {
        bits = format.BitsPerSample;
        var encoding = format.Encoding;
        if (encoding == WaveFormatEncoding.Extensible)
        {
            // NAudio 2.2.1 reads an extensible format chunk as WaveFormatExtraData: cbSize bytes of
            // valid bits (2), channel mask (4), sub-format GUID (16).
            var subFormat = format switch
            {
                WaveFormatExtensible e => e.SubFormat,
                WaveFormatExtraData { ExtraData.Length: >= 22 } x => new Guid(x.ExtraData.AsSpan(6, 16)),
                _ => Guid.Empty,
            };
            encoding = subFormat == PcmSubFormat ? WaveFormatEncoding.Pcm
                : subFormat == FloatSubFormat ? WaveFormatEncoding.IeeeFloat
                : WaveFormatEncoding.Unknown;
        }
        isFloat = encoding == WaveFormatEncoding.IeeeFloat;
        if (format.Channels < 1 || format.BlockAlign != format.Channels * bits / 8)
            return false;
        return encoding switch
        {
            WaveFormatEncoding.Pcm => bits is 8 or 16 or 24 or 32,
            WaveFormatEncoding.IeeeFloat => bits is 32 or 64,
            _ => false,
        };
    }

    public int Read(float[] buffer, int offset, int count)
    {
        // Ask the reader for whole blocks (some readers, e.g. AIFF, need block-aligned counts); a partial
        // block beyond `count` samples is kept for the next call.
        var blockAlign = _source.WaveFormat.BlockAlign;
        var need = count * _bytesPerSample;
        if (_bytes.Length < need + blockAlign)
            Array.Resize(ref _bytes, need + blockAlign);
        var got = _pending;
        while (got < need)
        {
            var ask = Math.Max(blockAlign, (need - got) / blockAlign * blockAlign);
            // Read at offset 0 of a scratch buffer: NAudio 2.2.1's AiffFileReader mishandles a non-zero offset.
            if (_scratch.Length < ask)
                _scratch = new byte[ask];
            var n = _source.Read(_scratch, 0, ask);
            if (n <= 0)
                break;
            Buffer.BlockCopy(_scratch, 0, _bytes, got, n);
            got += n;
        }
        var samples = Math.Min(count, got / _bytesPerSample);
        Convert(_bytes.AsSpan(0, samples * _bytesPerSample), buffer.AsSpan(offset, samples));
        _pending = got - samples * _bytesPerSample;
        if (_pending > 0)
            Array.Copy(_bytes, samples * _bytesPerSample, _bytes, 0, _pending);
        return samples;
    }

    private void Convert(ReadOnlySpan<byte> src, Span<float> dst)
    {
        switch (_bytesPerSample, _isFloat)
        {
            case (1, false):
                for (var i = 0; i < dst.Length; i++)
                    dst[i] = (src[i] - 128) / 128f;
                break;
            case (2, false):
                for (int i = 0, j = 0; i < dst.Length; i++, j += 2)
                    dst[i] = (short)(src[j] | src[j + 1] << 8) / 32768f;
                break;
            case (3, false):
                for (int i = 0, j = 0; i < dst.Length; i++, j += 3)
                    dst[i] = (src[j] << 8 | src[j + 1] << 16 | src[j + 2] << 24) / 2147483648f;
                break;
            case (4, false):
                for (int i = 0, j = 0; i < dst.Length; i++, j += 4)
                    dst[i] = BitConverter.ToInt32(src.Slice(j, 4)) / 2147483648f;
                break;
            case (4, true):
                for (int i = 0, j = 0; i < dst.Length; i++, j += 4)
                    dst[i] = BitConverter.ToSingle(src.Slice(j, 4));
                break;
            case (8, true):
                for (int i = 0, j = 0; i < dst.Length; i++, j += 8)
                    dst[i] = (float)BitConverter.ToDouble(src.Slice(j, 8));
                break;
        }
    }
}
