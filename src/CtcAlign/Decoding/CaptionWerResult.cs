namespace CtcAlign.Decoding;

/// <summary>How far a caption line is from what the model heard in its audio.</summary>
/// <param name="Wer">Caption-vs-hypothesis word error rate (errors over caption words); store it as AlignedSegment.CaptionWer.</param>
/// <param name="Errors">Word edits between caption and hypothesis.</param>
/// <param name="CaptionWords">Words in the normalised caption.</param>
/// <param name="Hypothesis">The minimum-Bayes-risk transcription of the line's audio.</param>
public sealed record CaptionWerResult(double Wer, int Errors, int CaptionWords, DecodedHypothesis Hypothesis);
