using CtcAlign.Audio;

namespace CtcAlign.Tests.Audio;

public sealed class Mp3FrameCheckTests
{
    // MPEG-1 layer III, 128 kb/s, 44.1 kHz, no padding: 144 * 128000 / 44100 = 417 bytes a frame
    private static byte[] Frames(int count, int lead = 0)
    {
        var data = new byte[lead + count * 417 + 4];
        for (var f = 0; f < count; f++)
            new byte[] { 0xFF, 0xFB, 0x90, 0x00 }.CopyTo(data, lead + f * 417);
        return data;
    }

    [Fact]
    public void Two_headers_a_frame_apart_are_mpeg_audio() => Assert.True(Mp3FrameCheck.HasFrames(Frames(2), wholeFile: false));

    [Fact]
    public void An_id3_tag_is_skipped()
    {
        var data = Frames(2, lead: 10 + 20);
        "ID3"u8.CopyTo(data);
        data[3] = 4;
        data[9] = 20; // tag size 20 (syncsafe)
        Assert.True(Mp3FrameCheck.HasFrames(data, wholeFile: false));
    }

    [Fact]
    public void A_lone_header_or_bytes_that_only_look_like_mpeg_are_not()
    {
        var lone = Frames(1);
        lone[^4] = 0x12; // no second header where the first frame ends
        Assert.False(Mp3FrameCheck.HasFrames(lone.AsSpan(0, 300), wholeFile: false));
        Assert.False(Mp3FrameCheck.HasFrames("ID3\u00f4\u00ff\0\0\0\0#RIFF....WAVEfmt "u8.ToArray(), wholeFile: true));
    }

    [Fact]
    public void A_single_frame_that_ends_the_file_is_mpeg_audio()
    {
        var one = Frames(1).AsSpan(0, 417).ToArray();
        Assert.True(Mp3FrameCheck.HasFrames(one, wholeFile: true));
        Assert.False(Mp3FrameCheck.HasFrames(one, wholeFile: false));
    }
}
