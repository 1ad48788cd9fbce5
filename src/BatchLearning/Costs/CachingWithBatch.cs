namespace BatchLearning.Costs;

/// <summary>How a provider's prompt-caching discount meets its batch API discount.</summary>
public enum CachingWithBatch
{
    /// <summary>Batch requests get no cache discount: cached tokens are billed at the batch input price (OpenAI's prompt-caching FAQ).</summary>
    None,

    /// <summary>The discounts multiply: cached tokens in a batch cost the cached price times the batch discount (Anthropic).</summary>
    Stacks,

    /// <summary>Cached tokens in a batch are billed at the cached price, the rest at the batch price: the cache discount takes precedence (Vertex AI).</summary>
    Replaces,
}
