namespace BatchLearning.Costs;

/// <summary>A provider's batch API terms.</summary>
/// <param name="Provider">For example "OpenAI".</param>
/// <param name="DiscountPercent">The discount against real-time prices, in percent.</param>
/// <param name="CompletionWindowHours">How long a batch may take before it expires.</param>
/// <param name="MaxRequests">Requests per batch, when known.</param>
/// <param name="MaxFileMegabytes">Size of one batch's input, when known.</param>
/// <param name="Date">When the terms were read.</param>
/// <param name="Source">Where they were read.</param>
public sealed record BatchApiTerms(
    string Provider,
    double DiscountPercent,
    double CompletionWindowHours,
    int? MaxRequests,
    double? MaxFileMegabytes,
    DateOnly Date,
    string Source);
