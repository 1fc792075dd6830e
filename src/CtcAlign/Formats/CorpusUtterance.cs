namespace CtcAlign.Formats;

/// <summary>
/// One exported training utterance: its id (<c>&lt;speaker&gt;-&lt;caption index&gt;</c>, with <c>-&lt;piece&gt;</c>
/// when a long line was split), speaker (the media id), clip path relative to the export folder (null when no clips
/// were cut), where it came from ([Start, End) seconds of the media, padding included), the clip's exact duration,
/// its text, the line's rho and the mean confidence of the clip's words.
/// </summary>
public sealed record CorpusUtterance(
    string UtteranceId,
    string SpeakerId,
    string MediaId,
    string? ClipPath,
    double Start,
    double End,
    double DurationSeconds,
    string Text,
    double Rho,
    double? WordConfidence)
{
    /// <summary>The media file the clip is cut from.</summary>
    public string AudioPath { get; init; } = "";

    /// <summary>
    /// The per-clip scores every manifest writes, in this order, by these names (a JSON key, a CSV column, a Kaldi
    /// <c>utt2&lt;name&gt;</c> table): "confidence" is rho, "word_confidence" the mean word confidence. A value is
    /// null where it is not known. A new score is one more entry here; every writer picks it up.
    /// </summary>
    public IReadOnlyList<(string Name, double? Value)> Scores() =>
    [
        ("confidence", Rho),
        ("word_confidence", WordConfidence),
    ];
}
