namespace BatchLearning.Costs;

/// <summary>The cost of an <see cref="ApiWorkload"/> on one model in one mode, in US dollars.</summary>
/// <param name="Model">The model.</param>
/// <param name="Mode">Real-time or batch.</param>
/// <param name="PerRequest">Cost of one request.</param>
/// <param name="PerThousandRequests">Cost of 1,000 requests.</param>
/// <param name="PerDay">Cost of a day's requests.</param>
/// <param name="PerMonth">Cost of 30 days.</param>
/// <param name="PriceDate">When the price used was read.</param>
/// <param name="PriceSource">Where the price used was read.</param>
public sealed record ApiCost(
    string Model,
    ProcessingMode Mode,
    double PerRequest,
    double PerThousandRequests,
    double PerDay,
    double PerMonth,
    DateOnly PriceDate,
    string PriceSource);
