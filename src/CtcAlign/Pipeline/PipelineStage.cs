namespace CtcAlign.Pipeline;

/// <summary>The stages an alignment run spends its time in (see <see cref="StageTimes"/>).</summary>
public enum PipelineStage
{
    /// <summary>Opening and decoding media, resampling, cutting windows.</summary>
    Decode,

    /// <summary>Running the acoustic model and keeping each window's frames.</summary>
    Infer,

    /// <summary>Aligning text to emissions (time the aligner spent working, not waiting for emissions).</summary>
    Align,

    /// <summary>Writing results to the database.</summary>
    Store,
}
