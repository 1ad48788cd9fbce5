namespace BatchLearning.Costs;

/// <summary>
/// A model's prompt-caching rules, as its provider publishes them: the shortest prompt it caches, what a cached input token costs,
/// what writing the cache costs, and how caching meets the batch API's discount. Prices in US dollars per million tokens.
/// </summary>
/// <param name="Provider">For example "Anthropic".</param>
/// <param name="Model">The model's name as the API price table spells it.</param>
/// <param name="MinimumPromptTokens">The shortest cacheable prompt prefix, in tokens: a shorter one is billed at the normal input price. From 1.</param>
/// <param name="CachedInputPerMillion">Real-time price of a million input tokens read from the cache.</param>
/// <param name="CacheWritePerMillion">Price of a million tokens written to the cache, when the provider charges more than the input price for it (null: no premium).</param>
/// <param name="WithBatch">How caching meets the batch API's discount.</param>
/// <param name="Date">When the rules were read.</param>
/// <param name="Source">Where they were read.</param>
public sealed record PromptCachingTerms(
    string Provider,
    string Model,
    int MinimumPromptTokens,
    double CachedInputPerMillion,
    double? CacheWritePerMillion,
    CachingWithBatch WithBatch,
    DateOnly Date,
    string Source);
