namespace BatchLearning.Costs;

/// <summary>What items cost on a rented GPU, from its hourly price, the measured throughput and how busy it is kept.</summary>
public static class GpuCostCalculator
{
    /// <summary>
    /// Cost per 1,000 items = 1000 x price per hour / (3600 x throughput x utilisation); a day's cost is the GPU-hours its items need.
    /// </summary>
    /// <param name="price">The GPU's hourly price, 0 or more (finite).</param>
    /// <param name="throughputPerSecond">Items per second when the GPU is busy; more than 0.</param>
    /// <param name="utilisation">The share of paid time spent working, more than 0 and at most 1 (1 = always busy).</param>
    /// <param name="itemsPerDay">Items a day, 0 or more.</param>
    public static GpuCost Estimate(GpuPrice price, double throughputPerSecond, double utilisation, double itemsPerDay)
    {
        ArgumentNullException.ThrowIfNull(price);
        price.Validated();
        if (!double.IsFinite(throughputPerSecond) || throughputPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(throughputPerSecond), throughputPerSecond, "throughputPerSecond must be more than 0 items per second.");
        }

        if (!double.IsFinite(utilisation) || utilisation is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(utilisation), utilisation, "utilisation must be more than 0 and at most 1.");
        }

        if (!double.IsFinite(itemsPerDay) || itemsPerDay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(itemsPerDay), itemsPerDay, "itemsPerDay must be 0 or more.");
        }

        var perThousand = 1000 * price.PerGpuHour / (3600 * throughputPerSecond * utilisation);
        var hours = itemsPerDay / (throughputPerSecond * utilisation * 3600);
        var perDay = hours * price.PerGpuHour;
        return new GpuCost($"{price.Gpu} ({price.Offer})", throughputPerSecond, utilisation, perThousand, hours, perDay, perDay * ApiCostCalculator.DaysPerMonth, price.Date, price.Source);
    }
}
