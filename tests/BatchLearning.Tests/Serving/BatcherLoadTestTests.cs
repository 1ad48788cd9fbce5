using BatchLearning.Notebook;
using BatchLearning.Serving;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Serving;

[Collection(TimingCollection.Name)]
public sealed class BatcherLoadTestTests
{
    private static readonly int[] Inputs = [.. Enumerable.Range(0, 50)];

    private static readonly DynamicBatcherOptions OneMillisecond = new(MaxBatchSize: 16, MaxDelay: TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task A_load_test_forgets_its_warm_up_answers_every_request_and_carries_its_options()
    {
        var calls = 0;
        IReadOnlyList<int> Double(IReadOnlyList<int> batch)
        {
            Interlocked.Add(ref calls, batch.Count);
            return batch.Select(i => 2 * i).ToArray();
        }

        var options = new LoadTestOptions(OneMillisecond, RatePerSecond: 2000, Requests: 300, Seed: 5, WarmUpRequests: 40, WarmUpClients: 4);

        var result = await BatcherLoadTest.RunAsync(Double, Inputs, options);

        Assert.Same(options, result.Options);
        Assert.Equal(340, calls); // 40 warm-up requests (4 clients x 10), then the 300 measured
        Assert.Equal(300, result.Load.Requests);
        Assert.Equal(0, result.Load.Errors);
        Assert.Equal(300, result.Metrics.Completed);
        Assert.Equal(2000, result.Load.OfferedPerSecond);
        Assert.Equal(300, result.Metrics.BatchSizeCounts.Sum(c => c.Key * c.Value));
        Assert.Equal(new DelayTradeOff(1, 2000, result.Load.ThroughputPerSecond, result.Metrics.LatencyP50Ms, result.Metrics.LatencyP95Ms,
            result.Metrics.LatencyP99Ms, result.Metrics.MeanBatchSize), result.TradeOff);
    }

    [Fact]
    public async Task Without_a_warm_up_only_the_measured_requests_reach_the_batch_function()
    {
        var calls = 0;
        var options = new LoadTestOptions(OneMillisecond, RatePerSecond: 5000, Requests: 120, WarmUpRequests: 0);

        var result = await BatcherLoadTest.RunAsync<int, int>(batch => { Interlocked.Add(ref calls, batch.Count); return batch.ToArray(); }, Inputs, options);

        Assert.Equal(120, calls);
        Assert.Equal(Course.DefaultSeed, result.Options.Seed);
    }

    [Fact]
    public async Task A_sweep_runs_every_test_in_every_pass_keeps_the_median_pass_and_its_seed()
    {
        var seen = new List<(int Test, long Seed)>();
        LoadTestOptions Test(int marker) => new(OneMillisecond with { MaxBatchSize = marker }, RatePerSecond: 4000, Requests: 100, Seed: 10 * marker, WarmUpRequests: 0);

        var results = await BatcherLoadTest.SweepAsync<int, int>(batch => batch.ToArray(), Inputs, [Test(1), Test(2)], passes: 3);

        Assert.Equal(2, results.Count);
        Assert.Equal([1, 2], results.Select(r => r.Options.Batcher.MaxBatchSize));
        Assert.All(results, r => Assert.InRange(r.Options.Seed - (10 * r.Options.Batcher.MaxBatchSize), 0, 2)); // the seed of one of the passes
        Assert.All(results, r => Assert.Equal(100, r.Metrics.Completed));
    }

    [Fact]
    public async Task The_capacity_one_request_at_a_time_is_bounded_by_the_time_one_call_takes()
    {
        var capacity = await BatcherLoadTest.MeasureCapacityAsync<int, int>(batch =>
        {
            Thread.Sleep(2); // at least 2 ms per call: at most 500 calls a second, one request each
            return batch.ToArray();
        }, Inputs, clients: 4, requestsPerClient: 25);

        Assert.InRange(capacity, 1, 500);
    }

    [Fact]
    public void A_test_of_a_duration_sends_rate_times_duration_requests_within_bounds()
    {
        Assert.Equal(800, LoadTestOptions.ForDuration(OneMillisecond, 1000, 0.8).Requests);
        Assert.Equal(LoadTestOptions.FewestRequests, LoadTestOptions.ForDuration(OneMillisecond, 10, 0.8).Requests);
        Assert.Equal(LoadTestOptions.MostRequests, LoadTestOptions.ForDuration(OneMillisecond, 1e6, 0.8).Requests);
        Assert.Equal(7, LoadTestOptions.ForDuration(OneMillisecond, 1000, 0.8, seed: 7).Seed);
    }

    [Theory]
    [InlineData(0.0, 100, 200, 8, "RatePerSecond")]
    [InlineData(double.NaN, 100, 200, 8, "RatePerSecond")]
    [InlineData(100.0, 0, 200, 8, "Requests")]
    [InlineData(100.0, 100, -1, 8, "WarmUpRequests")]
    [InlineData(100.0, 100, 200, 0, "WarmUpClients")]
    public async Task An_out_of_range_option_is_refused_before_anything_is_sent_naming_it(double rate, int requests, int warmUp, int clients, string name)
    {
        var calls = 0;
        var options = new LoadTestOptions(OneMillisecond, rate, requests, WarmUpRequests: warmUp, WarmUpClients: clients);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => BatcherLoadTest.SweepAsync<int, int>(batch => { calls++; return batch.ToArray(); }, Inputs, [options with { }, options]));

        Assert.Equal(name, error.ParamName);
        Assert.Matches($"^{name} is .+; valid range: ", error.Message);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_bad_batcher_setting_an_empty_input_list_or_a_pass_count_out_of_range_is_refused()
    {
        var badBatcher = new LoadTestOptions(OneMillisecond with { MaxBatchSize = 0 }, 100, 100);
        var good = new LoadTestOptions(OneMillisecond, 100, 100);

        Assert.Equal("MaxBatchSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => BatcherLoadTest.RunAsync<int, int>(b => b.ToArray(), Inputs, badBatcher))).ParamName);
        Assert.Equal("inputs", (await Assert.ThrowsAsync<ArgumentException>(() => BatcherLoadTest.RunAsync<int, int>(b => b.ToArray(), [], good))).ParamName);
        var passes = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => BatcherLoadTest.SweepAsync<int, int>(b => b.ToArray(), Inputs, [good], passes: 16));
        Assert.Equal("passes", passes.ParamName);
        Assert.Contains("from 1 to 15; got 16", passes.Message);
        Assert.Equal("durationSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => LoadTestOptions.ForDuration(OneMillisecond, 100, 0)).ParamName);
        Assert.Equal("requestsPerClient", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => BatcherLoadTest.MeasureCapacityAsync<int, int>(b => b.ToArray(), Inputs, requestsPerClient: 0))).ParamName);
    }
}
