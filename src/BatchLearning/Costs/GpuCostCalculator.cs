namespace BatchLearning.Costs;

/// <summary>What items cost on a rented GPU, from its hourly price, the measured throughput and how busy it is kept.</summary>
public static class GpuCostCalculator
{
    /// <summary>
    /// Cost per 1,000 items = 1000 x price per hour / (3600 x throughput x utilisation); a day's cost is the GPU-hours its items need.
    /// </summary>
    /// <param name="price">The GPU's hourly price, 0 or more (finite).</param>
    /// <param name="throughputPerSecond">Items per second when the GPU is busy, from 1e-6 to 1e12.</param>
    /// <param name="utilisation">The share of paid time spent working, from 1e-6 to 1 (1 = always busy).</param>
    /// <param name="itemsPerDay">Items a day, from 0 to 1e15.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (NaN and infinities included); the message names it and the range.</exception>
    public static GpuCost Estimate(GpuPrice price, double throughputPerSecond, double utilisation, double itemsPerDay)
    {
        ArgumentNullException.ThrowIfNull(price);
        price.Validated();
        Guard.InRange(throughputPerSecond, 1e-6, 1e12);
        Guard.InRange(utilisation, 1e-6, 1);
        Guard.InRange(itemsPerDay, 0, 1e15);
        var perThousand = 1000 * price.PerGpuHour / (3600 * throughputPerSecond * utilisation);
        var hours = itemsPerDay / (throughputPerSecond * utilisation * 3600);
        var perDay = hours * price.PerGpuHour;
        return new GpuCost($"{price.Gpu} ({price.Offer})", throughputPerSecond, utilisation, perThousand, hours, perDay, perDay * ApiCostCalculator.DaysPerMonth, price.Date, price.Source);
    }
}
