namespace BatchLearning.Server;

/// <summary>The clock of the Batch API (created_at, expiry, the pause between chunks): the system clock, or a fake one in tests, apart from the batcher's.</summary>
/// <param name="Time">The clock.</param>
internal sealed record BatchApiClock(TimeProvider Time);
