using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Tests.Alignment;

namespace CtcAlign.Tests.LongForm;

/// <summary>The hint band: caption times decide between places the audio fits about as well, and only then.</summary>
public class CtcUtteranceSegmenterTests
{
    private const double FrameSeconds = 0.02;

    /// <summary>The same tokens said twice, far apart, with silence around: (emissions, first copy's frames, second copy's frames).</summary>
    private static (EmissionMatrix Emissions, int[] Tokens, (int First, int Last) Once, (int First, int Last) Twice) SaidTwice()
    {
        var p = new PlantedEmissions(10, 7);
        var tokens = p.RandomTokens(8);
        p.Silence(50);
        var once = p.Say(tokens);
        p.Silence(300);
        var twice = p.Say(tokens);
        p.Silence(50);
        return (p.Build(FrameSeconds), tokens, (once[0], once[^1]), (twice[0], twice[^1]));
    }

    private static HintBand Band(int firstFrame, int lastFrame) => new(firstFrame * FrameSeconds, (lastFrame + 1) * FrameSeconds);

    [Fact]
    public void Without_bands_it_is_the_plain_segmentation()
    {
        var (e, tokens, _, _) = SaidTwice();
        var segmenter = new CtcUtteranceSegmenter(PlantedEmissions.Blank);
        var plain = CtcSegmenter.Segment(e, [tokens], PlantedEmissions.Blank, segmenter.Options);
        var span = segmenter.Segment(e, [new Utterance(0, 0, tokens)])[0];
        Assert.Equal(plain.Utterances[0].TokenStartFrames[0], span.StartFrame);
    }

    [Fact]
    public void Where_the_audio_fits_the_text_in_two_places_the_band_picks_the_one_its_caption_times_name()
    {
        var (e, tokens, once, twice) = SaidTwice();
        var segmenter = new CtcUtteranceSegmenter(PlantedEmissions.Blank);
        var free = segmenter.Segment(e, [new Utterance(0, 0, tokens)])[0];
        var other = free.StartFrame <= once.Last ? twice : once;
        var banded = segmenter.Segment(e, [new Utterance(0, 0, tokens) { Band = Band(other.First - 20, other.Last + 20) }])[0];
        Assert.InRange(banded.StartFrame, other.First - 3, other.First);
        Assert.InRange(banded.EndFrame, other.Last, other.Last + 4);
        Assert.True(banded.PlacedByHint);
        Assert.False(free.PlacedByHint);
        // a band around where the best path put it changes nothing
        var same = segmenter.Segment(e, [new Utterance(0, 0, tokens) { Band = Band(free.StartFrame - 20, free.EndFrame + 20) }])[0];
        Assert.Equal(free, same);
    }

    [Fact]
    public void A_band_over_silence_is_not_taken_unless_it_may_cost_that_much()
    {
        var (e, tokens, once, twice) = SaidTwice();
        var silence = Band(once.Last + 100, twice.First - 100);
        var strict = new CtcUtteranceSegmenter(PlantedEmissions.Blank) { MaxBandCostNats = 5 };
        var span = strict.Segment(e, [new Utterance(0, 0, tokens) { Band = silence }])[0];
        Assert.True(span.StartFrame <= once.Last + 4 || span.StartFrame >= twice.First - 3, $"start {span.StartFrame}: on silence");

        var lenient = new CtcUtteranceSegmenter(PlantedEmissions.Blank) { MaxBandCostNats = 1e6 };
        var forced = lenient.Segment(e, [new Utterance(0, 0, tokens) { Band = silence }])[0];
        Assert.InRange(forced.StartFrame, once.Last + 100, twice.First - 100);
        Assert.InRange(forced.EndFrame, once.Last + 100, twice.First - 99);
    }
}
