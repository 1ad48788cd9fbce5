namespace BatchLearning.Serving;

/// <summary>What a load test measured, from the callers' side. Latencies in milliseconds, as the names say (nearest-rank percentiles).</summary>
/// <param name="Requests">Requests sent.</param>
/// <param name="Errors">Requests that ended in an exception.</param>
/// <param name="OfferedPerSecond">The rate requests were sent at (open loop), or NaN (closed loop).</param>
/// <param name="ThroughputPerSecond">Requests answered per second of the test.</param>
/// <param name="MeanLatencyMs">Mean time from send to answer.</param>
/// <param name="LatencyP50Ms">Median latency.</param>
/// <param name="LatencyP95Ms">95th percentile latency.</param>
/// <param name="LatencyP99Ms">99th percentile latency.</param>
public sealed record LoadResult(int Requests, int Errors, double OfferedPerSecond, double ThroughputPerSecond, double MeanLatencyMs, double LatencyP50Ms, double LatencyP95Ms, double LatencyP99Ms);
