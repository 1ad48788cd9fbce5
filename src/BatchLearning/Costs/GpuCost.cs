namespace BatchLearning.Costs;

/// <summary>The cost of running a model on a rented GPU, in US dollars.</summary>
/// <param name="Gpu">The GPU and offer.</param>
/// <param name="ThroughputPerSecond">Items per second the model reaches on it (measured).</param>
/// <param name="Utilisation">The share of paid time spent doing work, from 0 (exclusive) to 1.</param>
/// <param name="PerThousandItems">1000 x price per hour / (3600 x throughput x utilisation).</param>
/// <param name="GpuHoursPerDay">Paid GPU-hours for the day's items.</param>
/// <param name="PerDay">Cost of the day's items.</param>
/// <param name="PerMonth">Cost of 30 days.</param>
/// <param name="PriceDate">When the GPU price was read.</param>
/// <param name="PriceSource">Where it was read.</param>
public sealed record GpuCost(
    string Gpu,
    double ThroughputPerSecond,
    double Utilisation,
    double PerThousandItems,
    double GpuHoursPerDay,
    double PerDay,
    double PerMonth,
    DateOnly PriceDate,
    string PriceSource);
