using CtcAlign.Alignment;
using CtcAlign.Review;

namespace CtcAlign.Tests.Review;

/// <summary>Review-page inputs: the sample episode plus a caption made to break a careless page.</summary>
public static class ReviewSamples
{
    /// <summary>A caption that would end the script block, open markup and break quoting if it were pasted into the page raw.</summary>
    public const string HostileText = "He said \"</script><img src=x onerror=alert(1)>\" & 'left' <!-- `${x}` \u2028 done";

    /// <summary><see cref="SampleAlignments.Episode"/> with a fifth line holding <see cref="HostileText"/>, pointing at <paramref name="audioPath"/>.</summary>
    public static MediaAlignment Episode(string audioPath = "/media/episode 1.wav", string id = "episode 1")
    {
        var episode = SampleAlignments.Episode(id);
        var hostile = new AlignedSegment(4, HostileText, "he said", 10.0, 11.5, -1.6, SegmentStatus.Aligned,
            [new AlignedWord("He", 10.0, 10.2, 0.9), new AlignedWord("said", 10.2, 10.5, 0.85), new AlignedWord("\"</script><img", 10.5, 11.5, 0.3)])
            { HintStart = 10.0, HintEnd = 12.0, StatusReason = "</script> \"reason\"" };
        return episode with { AudioPath = audioPath, Segments = [.. episode.Segments, hostile] };
    }

    public static ReviewPageData Page(MediaAlignment alignment, string? audioSource = "episode%201.wav") =>
        new(alignment, "default", "2026-12-03T08:00:00Z", WaveformOverview.FromSamples(TestAudio.Ramp(16_000 * 12), 16_000, 100),
            audioSource, "test audio");
}
