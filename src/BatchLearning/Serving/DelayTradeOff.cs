namespace BatchLearning.Serving;

/// <summary>One point of the latency/throughput trade-off of a dynamic batcher: a max delay and what it gave under load.</summary>
/// <param name="MaxDelayMilliseconds">The batcher's max delay.</param>
/// <param name="ThroughputPerSecond">Requests answered per second.</param>
/// <param name="P50Latency">Median latency, milliseconds.</param>
/// <param name="P95Latency">95th percentile latency, milliseconds.</param>
/// <param name="P99Latency">99th percentile latency, milliseconds.</param>
/// <param name="MeanBatchSize">Mean requests per batch.</param>
public sealed record DelayTradeOff(double MaxDelayMilliseconds, double ThroughputPerSecond, double P50Latency, double P95Latency, double P99Latency, double MeanBatchSize)
{
    /// <summary>Combines the load generator's view (latency, throughput) with the batcher's (batch sizes).</summary>
    public static DelayTradeOff From(TimeSpan maxDelay, LoadResult load, BatcherMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(metrics);
        return new DelayTradeOff(maxDelay.TotalMilliseconds, load.ThroughputPerSecond, load.P50Latency, load.P95Latency, load.P99Latency, metrics.MeanBatchSize);
    }
}
