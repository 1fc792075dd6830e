namespace CtcAlign.LongForm;

/// <summary>
/// Where a caption line's caption times, corrected by the offset IPFA has learned, say it can be at the most: its words
/// start no earlier than <see cref="EarliestStart"/> and end no later than <see cref="LatestEnd"/> (media seconds).
/// </summary>
public readonly record struct HintBand(double EarliestStart, double LatestEnd);
