using System.Text;
using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData("RIFF\0\0\0\0WAVEfmt ", MediaContainer.Wav)]
    [InlineData("FORM\0\0\0\0AIFFCOMM", MediaContainer.Aiff)]
    [InlineData("FORM\0\0\0\0AIFCFVER", MediaContainer.Aiff)]
    [InlineData("fLaC\0\0\0\"", MediaContainer.Flac)]
    [InlineData("OggS\0\u0002\0\0", MediaContainer.Ogg)]
    [InlineData("\0\0\0\u0020ftypM4A ", MediaContainer.Mp4)]
    [InlineData("NIST_1A\n   1024\n", MediaContainer.Sphere)]
    [InlineData("WEBVTT\n\n00:00.000", MediaContainer.Unknown)]
    [InlineData("", MediaContainer.Unknown)]
    public void Recognises_magic_bytes(string header, MediaContainer expected) =>
        Assert.Equal(expected, MediaSniffer.Sniff(Encoding.Latin1.GetBytes(header)));

    [Fact]
    public void Recognises_matroska_and_transport_stream()
    {
        Assert.Equal(MediaContainer.Matroska, MediaSniffer.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x01]));
        var ts = new byte[400];
        ts[0] = ts[188] = ts[376] = 0x47;
        Assert.Equal(MediaContainer.MpegTransport, MediaSniffer.Sniff(ts));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, MediaContainer.Mp3)] // MPEG-1 Layer III 128 kb/s 44.1 kHz
    [InlineData(new byte[] { 0xFF, 0xF3, 0x40, 0xC4 }, MediaContainer.Mp3)] // MPEG-2 Layer III
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, MediaContainer.Unknown)] // AAC ADTS: layer bits 00
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x64 }, MediaContainer.Unknown)] // bad bitrate index
    public void Tells_mp3_frames_from_other_sync_words(byte[] header, MediaContainer expected) =>
        Assert.Equal(expected, MediaSniffer.Sniff(header));

    [Fact]
    public void Skips_an_id3_tag()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = new byte[10 + 300 + 4];
            "ID3"u8.CopyTo(bytes);
            bytes[3] = 4;
            bytes[8] = 2; // syncsafe size 2 * 128 + 44 = 300
            bytes[9] = 44;
            new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(bytes, 310);
            File.WriteAllBytes(path, bytes);
            Assert.Equal(MediaContainer.Mp3, MediaSniffer.Sniff(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
