namespace CtcAlign.Pipeline;

/// <summary>An aligner that says where its time goes and how far the files in flight are (for progress displays).</summary>
public interface IMonitoredAligner
{
    /// <summary>Busy time per stage so far (the align command adds <see cref="PipelineStage.Store"/>).</summary>
    StageTimes Times { get; }

    /// <summary>The files being aligned now, in the order they started.</summary>
    IReadOnlyList<MediaProgress> InFlight();
}
