namespace BatchLearning.Generation;

/// <summary>One policy at one arrival rate, simulated (a row of <see cref="GenerationBenchmark.Sweep"/>).</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="RatePerSecond">Requests arriving per second.</param>
/// <param name="TokensPerSecond">Output tokens per second served.</param>
/// <param name="LatencyP50Ms">Median request latency.</param>
/// <param name="LatencyP99Ms">99th percentile request latency.</param>
/// <param name="TimeToFirstTokenP99Ms">99th percentile time to first token.</param>
public sealed record LoadPoint(string Policy, double RatePerSecond, double TokensPerSecond, double LatencyP50Ms, double LatencyP99Ms, double TimeToFirstTokenP99Ms);
