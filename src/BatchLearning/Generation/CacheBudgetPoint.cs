namespace BatchLearning.Generation;

/// <summary>One cache budget in <see cref="GenerationBenchmark.CacheBudgets"/>: what continuous batching did with that much memory for sequence state.</summary>
/// <param name="ShareOfPeak">The budget over the most the run without a limit held (1 for that run).</param>
/// <param name="CacheTokens">The budget in cache entries, one per token read (the run without a limit shows its own peak).</param>
/// <param name="Limited">Whether the budget was enforced (false for the reference run without a limit).</param>
/// <param name="Preemptions">Sequences preempted.</param>
/// <param name="RecomputedTokens">Tokens read again to resume them.</param>
/// <param name="RecomputedShare">Those as a share of all tokens the model read.</param>
/// <param name="TokensPerSecond">Generated tokens per second.</param>
/// <param name="LatencyP99Ms">p99 request latency.</param>
public sealed record CacheBudgetPoint(double ShareOfPeak, int CacheTokens, bool Limited, int Preemptions, int RecomputedTokens, double RecomputedShare, double TokensPerSecond, double LatencyP99Ms);
