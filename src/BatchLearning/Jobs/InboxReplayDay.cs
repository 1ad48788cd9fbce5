namespace BatchLearning.Jobs;

/// <summary>One simulated day of an <see cref="InboxReplay"/>: each run of the job, and what the meter recorded for it.</summary>
/// <param name="Runs">Each run's result, in order; null for a run that failed.</param>
/// <param name="Failures">The message of each failed run, in order.</param>
/// <param name="Metrics">The meter's measurements of each run (<see cref="InboxMetrics"/>, read by <see cref="InboxMetricsRecorder"/>), in order.</param>
public sealed record InboxReplayDay(IReadOnlyList<JobRunResult?> Runs, IReadOnlyList<string> Failures, IReadOnlyList<InboxRunMetrics> Metrics)
{
    /// <summary>The runs that succeeded.</summary>
    public IReadOnlyList<JobRunResult> Succeeded => Runs.OfType<JobRunResult>().ToList();
}
