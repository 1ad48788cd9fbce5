using BatchLearning.Jobs;

namespace BatchLearning.Worker;

/// <summary>One run of the worker, as reported to an <see cref="IProgress{T}"/> service (tests and notebooks wait on these instead of sleeping).</summary>
/// <param name="Number">1 for the first run since start-up.</param>
/// <param name="StartedAt">When it started, on the worker's clock.</param>
/// <param name="Result">What it did; null when it threw.</param>
/// <param name="Error">What it threw; null when it succeeded.</param>
public sealed record InboxRunReport(int Number, DateTimeOffset StartedAt, JobRunResult? Result, Exception? Error)
{
    /// <summary>Whether the run finished without an error.</summary>
    public bool Succeeded => Error is null;
}
