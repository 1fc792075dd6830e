using CtcAlign.Alignment;

namespace CtcAlign.Review;

/// <summary>
/// Everything one media's review page shows. <paramref name="AudioSource"/> is the URL the page's audio element
/// plays (a path relative to the page, or a data: URI), null when there is no audio to play;
/// <paramref name="AudioNote"/> says where it comes from. <paramref name="Waveform"/> is null when the audio
/// could not be read (the page then shows the lines without it).
/// </summary>
public sealed record ReviewPageData(
    MediaAlignment Alignment,
    string Model,
    string AlignedUtc,
    WaveformOverview? Waveform,
    string? AudioSource,
    string AudioNote,
    string IndexHref = ReviewFileNames.IndexFile);
