using CtcAlign.Alignment;
using CtcAlign.Text;

namespace CtcAlign.Decoding;

/// <summary>The acoustic model's log-probabilities for a whole media file, with the model's vocabulary.</summary>
public sealed record MediaEmissions(EmissionMatrix Emissions, Vocabulary Vocabulary);
