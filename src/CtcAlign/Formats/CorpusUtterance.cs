namespace CtcAlign.Formats;

/// <summary>
/// One exported training utterance: its id (<c>&lt;speaker&gt;-&lt;caption index&gt;</c>), speaker (the media
/// id), clip path relative to the export folder, where it came from ([Start, End) seconds of the media, padding
/// included), the clip's exact duration, its text and rho.
/// </summary>
public sealed record CorpusUtterance(
    string UtteranceId,
    string SpeakerId,
    string MediaId,
    string ClipPath,
    double Start,
    double End,
    double DurationSeconds,
    string Text,
    double Rho);
