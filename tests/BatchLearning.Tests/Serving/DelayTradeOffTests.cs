using BatchLearning.Serving;

namespace BatchLearning.Tests.Serving;

public sealed class DelayTradeOffTests
{
    [Fact]
    public void The_trade_off_charts_join_their_points_in_order_of_max_delay_whatever_the_order_measured()
    {
        DelayTradeOff[] points =
        [
            new(4, 1000, 1000, 5.0, 6, 7, 9),
            new(0, 1000, 1000, 0.2, 1, 2, 1.1),
            new(1, 1000, 1000, 1.5, 2, 3, 3),
        ];

        var tradeOff = points.ToTradeOffChart();
        var latency = points.ToLatencyChart();

        Assert.Equal([1.1, 3, 9], tradeOff.Series[0].X);
        Assert.Equal([0.2, 1.5, 5.0], tradeOff.Series[0].Y);
        Assert.Equal([0, 1, 4], latency.Series[0].X);
    }

    [Fact]
    public void Latencies_come_from_the_batchers_clock_and_the_offered_rate_from_the_load()
    {
        var load = new LoadResult(100, 0, 500, 490, 50, 40, 60, 70);
        var metrics = new BatcherMetrics(100, 0, 0, 0, 20, 5, new Dictionary<int, long> { [5] = 20 }, 0.5, 1, 1.5, 2.5, 3.5, 495);

        var point = DelayTradeOff.From(TimeSpan.FromMilliseconds(2), load, metrics);

        Assert.Equal(new DelayTradeOff(2, 500, 490, 1.5, 2.5, 3.5, 5), point);
    }
}
