namespace CtcAlign.Formats;

/// <summary>One interval tier of a TextGrid: its name and its intervals in time order.</summary>
public sealed record TextGridTier(string Name, IReadOnlyList<TextGridInterval> Intervals);

/// <summary>One TextGrid interval, seconds, half-open [XMin, XMax).</summary>
public sealed record TextGridInterval(double XMin, double XMax, string Text);
