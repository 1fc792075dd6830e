using Hangfire.Common;
using Hangfire.States;

namespace CtcAlign.Cli.Cluster;

/// <summary>
/// The cluster's retry rule, in place of Hangfire's default (ten retries of anything): a job that failed on its input
/// (<see cref="BadMediaException"/>) fails at once; any other failure (a database or network hiccup, a worker out of
/// memory) is retried up to <paramref name="attempts"/> times, <paramref name="delaySeconds"/> apart, then fails.
/// </summary>
public sealed class BoundedRetry(int attempts, int delaySeconds) : JobFilterAttribute, IElectStateFilter
{
    private const string RetryCount = "RetryCount";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || IsBadInput(failed.Exception))
            return;
        var retried = context.GetJobParameter<int>(RetryCount, allowStale: true);
        if (retried >= attempts)
            return;
        context.SetJobParameter(RetryCount, retried + 1);
        context.CandidateState = new ScheduledState(TimeSpan.FromSeconds(delaySeconds))
        {
            Reason = $"retry {retried + 1} of {attempts}: {Program.OneLine(failed.Exception.Message)}",
        };
    }

    private static bool IsBadInput(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BadMediaException)
                return true;
        }
        return false;
    }
}
