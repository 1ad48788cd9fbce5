using BatchLearning.Charts;

namespace BatchLearning.Serving;

/// <summary>Charts of dynamic-batcher measurements.</summary>
public static class DelayTradeOffCharts
{
    /// <summary>Latency percentiles against the max delay.</summary>
    public static Chart ToLatencyChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var x = points.Select(p => p.MaxDelayMilliseconds).ToList();
        return Chart.Of(
            "Latency against the batcher's max delay",
            new Axis("max delay, ms"),
            new Axis("latency, ms", Logarithmic: true),
            new ChartSeries("p50", x, points.Select(p => p.P50Latency).ToList()),
            new ChartSeries("p95", x, points.Select(p => p.P95Latency).ToList()),
            new ChartSeries("p99", x, points.Select(p => p.P99Latency).ToList()));
    }

    /// <summary>The trade-off curve: p99 latency against mean batch size, one point per max delay.</summary>
    public static Chart ToTradeOffChart(this IReadOnlyList<DelayTradeOff> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Chart.Of(
            "Trade-off: bigger batches cost waiting",
            new Axis("mean batch size"),
            new Axis("p99 latency, ms"),
            new ChartSeries("one point per max delay", points.Select(p => p.MeanBatchSize).ToList(), points.Select(p => p.P99Latency).ToList()));
    }
}
