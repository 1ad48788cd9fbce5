namespace BatchLearning.Generation;

/// <summary>One prefill setting in <see cref="GenerationBenchmark.PrefillBudgets"/>: time between tokens against throughput and the long prompts' wait.</summary>
/// <param name="TokenBudget">Tokens per pass (max_num_batched_tokens).</param>
/// <param name="Chunked">Whether long prompts were read in chunks within that budget (false: each in one pass).</param>
/// <param name="TimeBetweenTokensP50Ms">Median time between a running sequence's tokens.</param>
/// <param name="TimeBetweenTokensP99Ms">Its p99: the stalls a long prefill causes.</param>
/// <param name="LongPromptTtftP50Ms">Median time to first token of the requests with the longest prompt.</param>
/// <param name="TokensPerSecond">Generated tokens per second.</param>
public sealed record PrefillBudgetPoint(int TokenBudget, bool Chunked, double TimeBetweenTokensP50Ms, double TimeBetweenTokensP99Ms, double LongPromptTtftP50Ms, double TokensPerSecond);
