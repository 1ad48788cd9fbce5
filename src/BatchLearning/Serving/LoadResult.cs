namespace BatchLearning.Serving;

/// <summary>What a load test measured, from the callers' side. Latencies in milliseconds (nearest-rank percentiles).</summary>
/// <param name="Requests">Requests sent.</param>
/// <param name="Errors">Requests that ended in an exception.</param>
/// <param name="OfferedPerSecond">The rate requests were sent at (open loop), or NaN (closed loop).</param>
/// <param name="ThroughputPerSecond">Requests answered per second of the test.</param>
/// <param name="MeanLatency">Mean time from send to answer.</param>
/// <param name="P50Latency">Median latency.</param>
/// <param name="P95Latency">95th percentile latency.</param>
/// <param name="P99Latency">99th percentile latency.</param>
public sealed record LoadResult(int Requests, int Errors, double OfferedPerSecond, double ThroughputPerSecond, double MeanLatency, double P50Latency, double P95Latency, double P99Latency);
