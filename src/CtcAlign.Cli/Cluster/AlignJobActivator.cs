using Hangfire;

namespace CtcAlign.Cli.Cluster;

/// <summary>Hands every job of a worker the one <see cref="AlignMediaJob"/> (and so the one loaded model).</summary>
public sealed class AlignJobActivator(AlignMediaJob job) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(AlignMediaJob) ? job : throw new InvalidOperationException($"this worker runs align jobs only, not {jobType.Name}");
}
