using BatchLearning.Serving;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Serving;

[Collection(TimingCollection.Name)]
public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task Closed_loop_sends_every_request_once_and_counts_failures()
    {
        var sent = new int[40];

        var result = await LoadGenerator.ClosedLoopAsync(async (i, _) =>
        {
            Interlocked.Increment(ref sent[i]);
            await Task.Yield();
            if (i % 10 == 0)
            {
                throw new InvalidOperationException("every tenth fails");
            }
        }, clients: 4, requestsPerClient: 10);

        Assert.All(sent, count => Assert.Equal(1, count));
        Assert.Equal(40, result.Requests);
        Assert.Equal(4, result.Errors);
        Assert.True(result.LatencyP50Ms <= result.LatencyP95Ms && result.LatencyP95Ms <= result.LatencyP99Ms);
    }

    [Fact]
    public async Task Open_loop_sends_at_about_the_offered_rate()
    {
        var result = await LoadGenerator.OpenLoopAsync((_, _) => Task.CompletedTask, ratePerSecond: 2000, requests: 1000, seed: 1);

        // 1,000 Poisson arrivals at 2,000/s span about 0.5 s; the sum of 1,000 exponential gaps is within 15% of its mean with
        // overwhelming probability, so the sender cannot be more than that early. It can be late when the notebook kernels that
        // run beside the tests take the cores, so the lower bound only rules out pacing by a coarse timer (about 64 sends a second).
        Assert.InRange(result.ThroughputPerSecond, 400, 2000 * 1.2);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public async Task Bad_rates_and_counts_are_refused()
    {
        Assert.Equal("ratePerSecond", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoadGenerator.OpenLoopAsync((_, _) => Task.CompletedTask, 0, 10, 1))).ParamName);
        Assert.Equal("clients", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LoadGenerator.ClosedLoopAsync((_, _) => Task.CompletedTask, 0, 10))).ParamName);
    }
}

public sealed class BatcherMetricsTests
{
    [Fact]
    public void Metrics_become_a_one_row_table_and_a_batch_size_histogram()
    {
        var metrics = new BatcherMetrics(100, 0, 0, 0, 3, 33.3, new Dictionary<int, long> { [64] = 1, [4] = 2 }, 0.1, 0.5, 1, 2, 3, 1000);

        var table = metrics.ToDataFrame();
        var chart = metrics.ToBatchSizeChart();

        Assert.Equal(1, table.Rows.Count);
        Assert.Equal("4: 2, 64: 1", table.Columns["BatchSizeCounts"][0]);
        Assert.Equal(new[] { 4.0, 64.0 }, chart.Series[0].X);
        Assert.Equal(new[] { 2.0, 1.0 }, chart.Series[0].Y);
        Assert.Throws<InvalidOperationException>(() => (metrics with { BatchSizeCounts = new Dictionary<int, long>() }).ToBatchSizeChart());
    }
}
