using BatchLearning.Charts;

namespace BatchLearning.Serving;

/// <summary>Charts of dynamic-batcher measurements; points are drawn in order of max delay, whatever order they were measured in.</summary>
public static class DelayTradeOffCharts
{
    /// <summary>Latency percentiles (on the batcher's clock) against the max delay.</summary>
    public static Chart ToLatencyChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.MaxDelayMilliseconds).ToList();
        var x = ordered.Select(p => p.MaxDelayMilliseconds).ToList();
        return Chart.Of(
            "Latency against the batcher's max delay",
            new Axis("max delay, ms"),
            new Axis("latency, ms", Logarithmic: true),
            new ChartSeries("p50", x, ordered.Select(p => p.P50Milliseconds).ToList()),
            new ChartSeries("p95", x, ordered.Select(p => p.P95Milliseconds).ToList()),
            new ChartSeries("p99", x, ordered.Select(p => p.P99Milliseconds).ToList()));
    }

    /// <summary>The trade-off curve: p50 and p99 latency against mean batch size, one point per max delay, joined in order of max delay.</summary>
    public static Chart ToTradeOffChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.MaxDelayMilliseconds).ToList();
        var x = ordered.Select(p => p.MeanBatchSize).ToList();
        return Chart.Of(
            "Trade-off: bigger batches cost waiting (points joined in order of max delay)",
            new Axis("mean batch size"),
            new Axis("latency, ms"),
            new ChartSeries("p50, one point per max delay", x, ordered.Select(p => p.P50Milliseconds).ToList()),
            new ChartSeries("p99, one point per max delay", x, ordered.Select(p => p.P99Milliseconds).ToList()));
    }
}
