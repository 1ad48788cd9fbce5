using System.Globalization;

namespace BatchLearning.Providers;

/// <summary>One status check of a provider batch, reported through <see cref="IProgress{T}"/> while a <see cref="ProviderBatchClient"/> waits.</summary>
/// <param name="BatchId">The provider's batch id.</param>
/// <param name="Status">The provider's status word, for example "in_progress", "completed", "expired" (OpenAI) or "in_progress", "ended" (Anthropic).</param>
/// <param name="Finished">Requests done so far (succeeded or failed).</param>
/// <param name="Failed">Requests that failed, errored, expired or were cancelled so far.</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Elapsed">Time since the wait began.</param>
/// <param name="NextCheckIn">Wait until the next check; null when the batch has ended.</param>
public sealed record ProviderBatchProgress(string BatchId, string Status, long Finished, long Failed, long Total, TimeSpan Elapsed, TimeSpan? NextCheckIn)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{BatchId}: {Status}, {Finished:N0} of {Total:N0} done ({Failed:N0} failed) after {Elapsed:hh\\:mm\\:ss}{(NextCheckIn is { } next ? $"; next check in {next.TotalSeconds:0.#} s" : "")}");
}
