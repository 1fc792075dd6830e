namespace CtcAlign.Formats;

/// <summary>
/// Which segments go into a corpus and how clips are cut. With <see cref="MinConfidence"/> null only segments
/// with status aligned are taken; with a value, every placed segment with rho &gt;= it.
/// </summary>
/// <param name="MinConfidence">Lowest rho taken (e.g. -5), or null for "status aligned".</param>
/// <param name="PaddingSeconds">Audio added before and after each segment (clamped to the media).</param>
/// <param name="UseNormalizedText">Write the normalised (spoken-form) text rather than the caption's own.</param>
public sealed record CorpusExportOptions(double? MinConfidence = null, double PaddingSeconds = 0, bool UseNormalizedText = true);
