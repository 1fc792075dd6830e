namespace CtcAlign.Formats;

/// <summary>
/// What a corpus export wrote: the utterances (sorted by id) and the lines or clips it left out, by reason.
/// </summary>
/// <param name="Utterances">The exported clips.</param>
/// <param name="LinesNotSplit">Taken lines longer than the maximum duration that could not be split to fit (no word
/// times, a single word longer than the maximum, or stored text that does not divide by words).</param>
/// <param name="ClipsTooShort">Clips shorter than the minimum duration.</param>
/// <param name="LinesWithUnalignableWords">Lines whose normalised text holds a word the model cannot spell (see
/// <see cref="Text.UnknownCharacterPolicy.Unalignable"/>): the word has no time, so no clip of the line is safe.</param>
/// <param name="LinesWithWordsOutside">Lines with a word more than <see cref="CorpusExporter.WordOutsideTolerance"/> outside
/// the line's span (a line placed apart from its words): the clip would not hold all of its text.</param>
public sealed record CorpusExportResult(
    IReadOnlyList<CorpusUtterance> Utterances,
    int LinesNotSplit,
    int ClipsTooShort,
    int LinesWithUnalignableWords,
    int LinesWithWordsOutside = 0);
