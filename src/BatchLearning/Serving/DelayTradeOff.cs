namespace BatchLearning.Serving;

/// <summary>
/// One point of the latency/throughput trade-off of a dynamic batcher: a max delay and what it gave under load. Latencies are on the batcher's clock
/// (from the moment a request was submitted to the moment its result was set), so a load generator that is late in sending does not count against the batcher.
/// </summary>
/// <param name="MaxDelayMs">The batcher's max delay.</param>
/// <param name="OfferedPerSecond">The rate requests were sent at (NaN for a closed-loop test).</param>
/// <param name="ThroughputPerSecond">Requests answered per second of the test.</param>
/// <param name="LatencyP50Ms">Median latency (submit to result).</param>
/// <param name="LatencyP95Ms">95th percentile latency.</param>
/// <param name="LatencyP99Ms">99th percentile latency.</param>
/// <param name="MeanBatchSize">Mean requests per batch.</param>
public sealed record DelayTradeOff(
    double MaxDelayMs,
    double OfferedPerSecond,
    double ThroughputPerSecond,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    double MeanBatchSize)
{
    /// <summary>Combines the load generator's view (offered load, throughput) with the batcher's (latency percentiles, batch sizes).</summary>
    /// <param name="maxDelay">The batcher's max delay.</param>
    /// <param name="load">What the load generator sent and how fast it was answered.</param>
    /// <param name="metrics">The batcher's metrics over the same requests (reset before the test).</param>
    public static DelayTradeOff From(TimeSpan maxDelay, LoadResult load, BatcherMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(metrics);
        return new DelayTradeOff(maxDelay.TotalMilliseconds, load.OfferedPerSecond, load.ThroughputPerSecond, metrics.LatencyP50Ms, metrics.LatencyP95Ms, metrics.LatencyP99Ms, metrics.MeanBatchSize);
    }
}
