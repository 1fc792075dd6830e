using CtcAlign.LongForm;

namespace CtcAlign.Tests.LongForm;

public sealed class IpfaOptionsTests
{
    [Fact]
    public void Defaults_are_the_reference_values()
    {
        var o = new IpfaOptions();
        Assert.Equal((-2.0, -1.0, 30, -4.0, 24), (o.AnchorThreshold, o.VeryGoodThreshold, o.ShortSegmentCharacters, o.ShortSegmentPenalty, o.ChunkWords));
        Assert.Equal((0.08, 3.0, 0.8, 10.0), (o.SecondsPerCharacter, o.MarginFactor, o.MinTextToAudio, o.MaxTextToAudio));
        Assert.Equal((70.0, 500.0, 10), (o.MaxWindowSeconds, o.GiveUpWindowSeconds, o.MaxConsecutiveFailures));
    }

    [Fact]
    public void Invalid_values_are_named()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new IpfaOptions { GiveUpWindowSeconds = 60 }.Validate());
        Assert.StartsWith("Give-up window 60 s must be longer than the maximum window 70 s.", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new IpfaOptions { VeryGoodThreshold = -3 }.Validate());
        Assert.StartsWith("Very-good threshold -3 is below the anchor threshold -2.", ex.Message);
    }
}
