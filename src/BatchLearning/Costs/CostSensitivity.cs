using BatchLearning.Charts;

namespace BatchLearning.Costs;

/// <summary>How monthly cost moves with one parameter of a workload: real-time API, batch API and a dedicated machine side by side.</summary>
public static class CostSensitivity
{
    /// <summary>Monthly cost at each daily volume in <paramref name="requestsPerDay"/>.</summary>
    /// <param name="price">The API model's price.</param>
    /// <param name="workload">The workload; its RequestsPerDay is replaced by each swept value.</param>
    /// <param name="requestsPerDay">Daily volumes to evaluate, each at least 1.</param>
    /// <param name="dedicated">Optionally a machine rented around the clock and the items per second it sustains; null entries where it cannot keep up.</param>
    public static IReadOnlyList<CostPoint> OverVolume(ApiPrice price, ApiWorkload workload, IEnumerable<double> requestsPerDay, (GpuPrice Machine, double ThroughputPerSecond)? dedicated = null) =>
        Sweep(price, requestsPerDay, v => NotNull(workload) with { RequestsPerDay = v }, dedicated);

    /// <summary>Monthly cost at each size of the item itself (tokens per request), the fixed prompt unchanged.</summary>
    public static IReadOnlyList<CostPoint> OverInputTokens(ApiPrice price, ApiWorkload workload, IEnumerable<double> inputTokensPerRequest, (GpuPrice Machine, double ThroughputPerSecond)? dedicated = null) =>
        Sweep(price, inputTokensPerRequest, v => NotNull(workload) with { InputTokensPerRequest = v }, dedicated);

    /// <summary>A chart of the sweep: one curve per way of paying, log-scaled axes where the sweep spans more than a factor of 20.</summary>
    public static Chart ToChart(this IReadOnlyList<CostPoint> points, string title, string parameter)
    {
        ArgumentNullException.ThrowIfNull(points);
        var x = points.Select(p => p.Value).ToList();
        var wide = x.Count > 1 && x.Min() > 0 && x.Max() / x.Min() > 20;
        var series = new List<ChartSeries>
        {
            new("API, real time", x, points.Select(p => p.RealTimePerMonth).ToList()),
            new("API, batch", x, points.Select(p => p.BatchPerMonth).ToList()),
        };
        if (points.Any(p => p.DedicatedPerMonth is not null))
        {
            series.Add(new ChartSeries("dedicated machine", x, points.Select(p => p.DedicatedPerMonth ?? double.NaN).ToList(), SeriesStyle.Lines));
        }

        return new Chart(title, new Axis(parameter, wide), new Axis("US dollars per month", wide), series);
    }

    private static ApiWorkload NotNull(ApiWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload;
    }

    private static List<CostPoint> Sweep(ApiPrice price, IEnumerable<double> values, Func<double, ApiWorkload> workloadAt, (GpuPrice Machine, double ThroughputPerSecond)? dedicated)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(values);
        price.Validated();
        if (dedicated is { } given)
        {
            ArgumentNullException.ThrowIfNull(given.Machine, nameof(dedicated));
            given.Machine.Validated();
            if (!double.IsFinite(given.ThroughputPerSecond) || given.ThroughputPerSecond <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dedicated), given.ThroughputPerSecond,
                    $"The dedicated machine's ThroughputPerSecond must be more than 0 items per second (finite); got {given.ThroughputPerSecond}.");
            }
        }

        var points = new List<CostPoint>();
        foreach (var value in values)
        {
            var workload = workloadAt(value);
            var realTime = ApiCostCalculator.Estimate(price, workload, ProcessingMode.RealTime);
            var batch = ApiCostCalculator.Estimate(price, workload, ProcessingMode.Batch);
            double? machine = null;
            if (dedicated is { } d && workload.RequestsPerDay <= d.ThroughputPerSecond * 86_400)
            {
                machine = 24 * d.Machine.PerGpuHour * ApiCostCalculator.DaysPerMonth;
            }

            points.Add(new CostPoint(value, realTime.PerMonth, batch.PerMonth, machine));
        }

        return points;
    }
}
