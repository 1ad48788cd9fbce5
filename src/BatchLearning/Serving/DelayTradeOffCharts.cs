using BatchLearning.Charts;

namespace BatchLearning.Serving;

/// <summary>Charts of dynamic-batcher measurements; points are drawn in order of max delay, whatever order they were measured in.</summary>
public static class DelayTradeOffCharts
{
    /// <summary>Latency percentiles (on the batcher's clock) against the max delay.</summary>
    public static Chart ToLatencyChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.MaxDelayMs).ToList();
        return Chart.Of(
            "Latency against the batcher's max delay",
            new Axis("max delay, ms"),
            new Axis("latency, ms", Logarithmic: true),
            ChartSeries.From(ordered, p => p.MaxDelayMs, p => p.LatencyP50Ms, "p50"),
            ChartSeries.From(ordered, p => p.MaxDelayMs, p => p.LatencyP95Ms, "p95"),
            ChartSeries.From(ordered, p => p.MaxDelayMs, p => p.LatencyP99Ms, "p99"));
    }

    /// <summary>The trade-off curve: p50 and p99 latency against mean batch size, one point per max delay, joined in order of max delay.</summary>
    public static Chart ToTradeOffChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.MaxDelayMs).ToList();
        return Chart.Of(
            "Trade-off: bigger batches cost waiting (points joined in order of max delay)",
            new Axis("mean batch size"),
            new Axis("latency, ms"),
            ChartSeries.From(ordered, p => p.MeanBatchSize, p => p.LatencyP50Ms, "p50, one point per max delay"),
            ChartSeries.From(ordered, p => p.MeanBatchSize, p => p.LatencyP99Ms, "p99, one point per max delay"));
    }
}
