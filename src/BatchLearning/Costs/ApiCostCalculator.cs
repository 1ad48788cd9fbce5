namespace BatchLearning.Costs;

/// <summary>
/// What a workload costs on a language-model API: every request pays for its input tokens (the item plus the fixed prompt)
/// and its output tokens, at the real-time or the batch price per million tokens.
/// </summary>
public static class ApiCostCalculator
{
    /// <summary>Days in the month used for monthly figures.</summary>
    public const double DaysPerMonth = 30;

    /// <summary>The cost of <paramref name="workload"/> on <paramref name="price"/>'s model in <paramref name="mode"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A price is negative or not finite, the workload has fewer than 1 request a day or negative or non-finite tokens, or the mode is not defined.
    /// </exception>
    public static ApiCost Estimate(ApiPrice price, ApiWorkload workload, ProcessingMode mode)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(workload);
        price.Validated();
        workload.Validated();
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"mode must be {nameof(ProcessingMode.RealTime)} or {nameof(ProcessingMode.Batch)}; got {(int)mode}.");
        }

        var (input, output) = mode == ProcessingMode.Batch
            ? (price.BatchInputPerMillion, price.BatchOutputPerMillion)
            : (price.InputPerMillion, price.OutputPerMillion);
        var perRequest = ((workload.InputTokensPerRequest + workload.FixedPromptTokens) * input + workload.OutputTokensPerRequest * output) / 1_000_000;
        var perDay = perRequest * workload.RequestsPerDay;
        return new ApiCost(price.Model, mode, perRequest, perRequest * 1000, perDay, perDay * DaysPerMonth, price.Date, price.Source);
    }

    /// <summary>Real-time and batch cost of <paramref name="workload"/> for each model in <paramref name="models"/>, side by side.</summary>
    public static IReadOnlyList<ApiCost> Compare(PriceTable prices, ApiWorkload workload, params string[] models)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(models);
        return models.SelectMany(m => new[]
        {
            Estimate(prices.Api(m), workload, ProcessingMode.RealTime),
            Estimate(prices.Api(m), workload, ProcessingMode.Batch),
        }).ToList();
    }
}
