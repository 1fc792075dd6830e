using System.Diagnostics;
using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

public sealed class WavHeaderCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A RIFF/WAVE file made byte by byte: a 16-byte fmt chunk, then a data chunk of <paramref name="dataBytes"/>.</summary>
    private static byte[] Wav(ushort tag = 1, ushort channels = 1, uint rate = 16000, ushort bits = 16, ushort? blockAlign = null,
        int dataBytes = 3200, uint? riffSize = null, uint? dataSize = null)
    {
        using var m = new MemoryStream();
        using var w = new BinaryWriter(m);
        w.Write("RIFF"u8);
        w.Write(riffSize ?? (uint)(4 + 24 + 8 + dataBytes));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write(tag);
        w.Write(channels);
        w.Write(rate);
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        w.Write(rate * align);
        w.Write(align);
        w.Write(bits);
        w.Write("data"u8);
        w.Write(dataSize ?? (uint)dataBytes);
        w.Write(new byte[dataBytes]);
        w.Flush();
        return m.ToArray();
    }

    private AudioFormatException Rejects(byte[] bytes)
    {
        var path = Path.Combine(_folder.Path, "bad.wav");
        File.WriteAllBytes(path, bytes);
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<AudioFormatException>(() =>
        {
            using var audio = MediaDecoder.Open(path, 16000);
            TestMedia.ReadAll(audio);
        });
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    [Fact]
    public void Sample_rate_zero_is_rejected() =>
        Assert.Equal("bad.wav: corrupt or truncated WAV file: the header says a sample rate of 0 Hz (expected 1 to 1000000).",
            Rejects(Wav(rate: 0)).Message);

    [Theory]
    [InlineData(1_000_001u)]
    [InlineData(4_000_000_000u)] // beyond int: overflowed before
    public void Absurd_sample_rate_is_rejected(uint rate) =>
        Assert.Contains($"a sample rate of {rate} Hz", Rejects(Wav(rate: rate)).Message);

    [Fact]
    public void Zero_channels_is_rejected() =>
        Assert.Equal("bad.wav: corrupt or truncated WAV file: the header says 0 channels.", Rejects(Wav(channels: 0, blockAlign: 2)).Message);

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(17)]
    public void Zero_or_odd_bits_per_sample_is_rejected(ushort bits) =>
        Assert.Equal($"bad.wav: corrupt or truncated WAV file: the header says {bits} bits per sample.",
            Rejects(Wav(bits: bits, blockAlign: 2)).Message);

    [Fact]
    public void Zero_bits_in_a_codec_format_is_rejected() =>
        Assert.Contains("0 bits per sample", Rejects(Wav(tag: 7, bits: 0, blockAlign: 1)).Message); // mu-law

    [Fact]
    public void Block_align_zero_is_rejected() =>
        Assert.Equal("bad.wav: corrupt or truncated WAV file: the header says a block align of 0 bytes.", Rejects(Wav(blockAlign: 0)).Message);

    [Fact]
    public void Block_align_that_disagrees_with_the_format_is_rejected() =>
        Assert.Contains("a block align of 3 bytes, but 1 ch x 16 bits is 2", Rejects(Wav(blockAlign: 3)).Message);

    [Fact]
    public void Data_chunk_larger_than_the_file_is_truncation() =>
        Assert.StartsWith("bad.wav: truncated WAV file: the header declares 10000 s of audio",
            Rejects(Wav(dataSize: 320_000_000)).Message);

    [Fact]
    public void Riff_size_too_small_still_reads_the_chunks()
    {
        var path = Path.Combine(_folder.Path, "small-riff.wav");
        File.WriteAllBytes(path, Wav(riffSize: 4));
        var clock = Stopwatch.StartNew();
        try
        {
            using var audio = MediaDecoder.Open(path, 16000);
            Assert.Equal(1600, TestMedia.ReadAll(audio).Length);
        }
        catch (AudioFormatException ex)
        {
            Assert.DoesNotContain('\n', ex.Message); // refusing it is fine too, in one line
        }
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
    }

    [Fact]
    public void Riff_size_beyond_the_file_reads_what_is_there()
    {
        var path = Path.Combine(_folder.Path, "big-riff.wav");
        File.WriteAllBytes(path, Wav(riffSize: 0xFFFFFFF0));

        using var audio = MediaDecoder.Open(path, 16000);

        Assert.Equal(1600, TestMedia.ReadAll(audio).Length);
    }

    [Fact]
    public void No_data_chunk_is_rejected()
    {
        var bytes = Wav();
        Assert.Equal("bad.wav: corrupt or truncated WAV file: no data chunk.", Rejects(bytes[..36]).Message);
    }

    [Fact]
    public void Many_tiny_junk_chunks_end_the_search()
    {
        var junk = new byte[8 * (WavHeaderCheck.MaxChunks + 10)];
        for (var i = 0; i < junk.Length; i += 8)
            "junk"u8.CopyTo(junk.AsSpan(i));
        var bytes = Wav()[..12].Concat(junk).ToArray();
        Assert.Equal("bad.wav: corrupt or truncated WAV file: no format chunk.", Rejects(bytes).Message);
    }
}
