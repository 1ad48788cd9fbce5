namespace BatchLearning.Costs;

/// <summary>What 1,000 requests cost with and without prompt caching, in real time and through the batch API, for one model and one instruction.</summary>
/// <param name="Model">The model.</param>
/// <param name="InstructionTokens">Tokens of the fixed instruction every request starts with (the cacheable prefix).</param>
/// <param name="MinimumPromptTokens">The shortest prefix the provider caches.</param>
/// <param name="Cached">True when the instruction is at least <paramref name="MinimumPromptTokens"/> long, so caching applies.</param>
/// <param name="WithBatch">How the provider's cache discount meets its batch discount.</param>
/// <param name="RealTimePerThousand">1,000 requests in real time without caching.</param>
/// <param name="RealTimeCachedPerThousand">1,000 requests in real time with every instruction read from a warm cache (equal to the uncached cost when caching does not apply).</param>
/// <param name="BatchPerThousand">1,000 requests through the batch API without caching.</param>
/// <param name="BatchCachedPerThousand">1,000 requests through the batch API with caching, by the provider's rule.</param>
public sealed record PromptCachingPoint(
    string Model,
    int InstructionTokens,
    int MinimumPromptTokens,
    bool Cached,
    CachingWithBatch WithBatch,
    double RealTimePerThousand,
    double RealTimeCachedPerThousand,
    double BatchPerThousand,
    double BatchCachedPerThousand)
{
    /// <summary>The cheapest of the four ways' cost per 1,000 requests.</summary>
    public double CheapestPerThousand => new[] { RealTimePerThousand, RealTimeCachedPerThousand, BatchPerThousand, BatchCachedPerThousand }.Min();

    /// <summary>The saving of the cheapest way against real time without caching, as a fraction (0.5 = 50 % less).</summary>
    public double BestSaving => RealTimePerThousand > 0 ? 1 - CheapestPerThousand / RealTimePerThousand : 0;

    /// <summary>True when real time with caching costs less than the batch API with caching: where the provider gives batches no cache discount, a long cached instruction can make waiting for a batch the dearer way.</summary>
    public bool RealTimeCachedIsCheaper => Cached && RealTimeCachedPerThousand < BatchCachedPerThousand;
}
