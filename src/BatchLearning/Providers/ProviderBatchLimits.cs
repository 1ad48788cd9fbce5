namespace BatchLearning.Providers;

/// <summary>
/// How much one provider batch may hold. The defaults are the published limits (shared/reference/prices.md, "Batch API terms"):
/// OpenAI Batch API 50,000 requests and a 200 MB input file; Anthropic Message Batches 100,000 requests or 256 MB.
/// </summary>
/// <param name="MaxRequests">Requests per batch, at least 1.</param>
/// <param name="MaxBytes">Bytes per batch file, at least 1,024.</param>
public sealed record ProviderBatchLimits(int MaxRequests, long MaxBytes)
{
    /// <summary>OpenAI Batch API: 50,000 requests, 200 MB.</summary>
    public static ProviderBatchLimits OpenAi { get; } = new(50_000, 200L * 1000 * 1000);

    /// <summary>Anthropic Message Batches: 100,000 requests, 256 MB.</summary>
    public static ProviderBatchLimits Anthropic { get; } = new(100_000, 256L * 1000 * 1000);

    /// <summary>Checks the limits.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1024);
    }
}
