namespace BatchLearning.Serving;

/// <summary>What one <see cref="BatcherLoadTest"/> measured, with the options it ran with.</summary>
/// <param name="Options">The test's settings: the batcher's, the offered load, the seed of the arrivals (for a sweep, the seed of the pass kept).</param>
/// <param name="Load">The load generator's view: requests sent, errors, offered rate, throughput, latencies on the sender's clock.</param>
/// <param name="Metrics">The batcher's view over the same requests (the warm-up forgotten): batch sizes, latencies on the batcher's clock.</param>
public sealed record LoadTestResult(LoadTestOptions Options, LoadResult Load, BatcherMetrics Metrics)
{
    /// <summary>
    /// The test as one row of the latency/throughput trade-off: max delay, offered rate and throughput from the load generator,
    /// latency percentiles and mean batch size from the batcher (its clock: a sender that is late does not count against the batcher).
    /// </summary>
    public DelayTradeOff TradeOff => DelayTradeOff.From(Options.Batcher.MaxDelay, Load, Metrics);
}
