using CtcAlign.Formats;

namespace CtcAlign.Tests.Formats;

/// <summary>One rule for "placed at the top" serves every writer that positions captions: SCC, EBU STL and TTML.</summary>
public sealed class CaptionPlacementTests
{
    private const string Vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0\nOver the graphics\n\n"
        + "00:00:03.000 --> 00:00:04.000\nAt the bottom\n";

    private static readonly (double, double)[] Times = [(1.1, 2.0), (3.1, 4.0)];

    [Fact]
    public void A_webvtt_cue_at_the_top_goes_to_the_top_region_of_ttml_and_the_top_rows_of_stl()
    {
        var media = SccRoundTripTests.Aligned(CaptionReader.Parse(Vtt, "a.vtt"), Times);
        using var ttml = new StringWriter();
        TtmlWriter.Write(ttml, media, SubtitleOptions.Default, TtmlFlavour.Imsc);
        Assert.Contains("xml:id=\"c1\" begin=\"00:00:01.100\" end=\"00:00:02.000\" style=\"centre\" region=\"top\"", ttml.ToString());
        Assert.Contains("xml:id=\"c2\" begin=\"00:00:03.100\" end=\"00:00:04.000\" style=\"centre\" region=\"bottom\"", ttml.ToString());

        using var stl = new MemoryStream();
        StlWriter.Write(stl, media, SubtitleOptions.Default);
        var bytes = stl.ToArray();
        // the GSI block, then one TTI block a cue (both short): row 2 for the top, the bottom rows for the other
        Assert.Equal(2, bytes[1024 + StlFile.VerticalPosition]);
        Assert.Equal(22, bytes[1024 + 128 + StlFile.VerticalPosition]);
    }
}
