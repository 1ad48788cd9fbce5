namespace BatchLearning.Costs;

/// <summary>Monthly cost of one workload at one setting of a swept parameter, in US dollars.</summary>
/// <param name="Value">The swept parameter's value (requests a day, tokens per request, ...).</param>
/// <param name="RealTimePerMonth">The API at real-time prices.</param>
/// <param name="BatchPerMonth">The API's batch mode.</param>
/// <param name="DedicatedPerMonth">A machine rented around the clock (null when none was given, or when it cannot keep up).</param>
public sealed record CostPoint(double Value, double RealTimePerMonth, double BatchPerMonth, double? DedicatedPerMonth);
