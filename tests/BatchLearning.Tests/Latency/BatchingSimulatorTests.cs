using BatchLearning.Latency;

namespace BatchLearning.Tests.Latency;

/// <summary>The simulator against closed forms (within 2%, at least 100,000 requests) and on bad input.</summary>
public sealed class BatchingSimulatorTests
{
    private static void WithinTwoPercent(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 0.02 * expected, $"{what}: simulated {actual}, closed form {expected} (more than 2% apart)");

    [Fact]
    public void MM1_p99_and_mean_time_in_system_match_the_closed_form()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(0.5), new BatchingPolicy.None(), new ServiceTime.Exponential(1.0), Requests: 1_000_000));

        Assert.True(result.Stable);
        WithinTwoPercent(LatencyFormulas.MM1TimeInSystemQuantile(0.5, 1.0, 0.99), result.LatencyP99Seconds, "M/M/1 p99");
        WithinTwoPercent(LatencyFormulas.MM1MeanTimeInSystem(0.5, 1.0), result.MeanLatencySeconds, "M/M/1 mean");
        WithinTwoPercent(0.5, result.Utilisation, "M/M/1 utilisation");
    }

    [Fact]
    public void Periodic_flush_mean_and_p95_wait_match_the_closed_form()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(10), new BatchingPolicy.PeriodicFlush(300), new ServiceTime.Linear(0, 0), Requests: 200_000));

        WithinTwoPercent(300 / 2.0, result.MeanLatencySeconds, "periodic flush mean wait");
        WithinTwoPercent(LatencyFormulas.PeriodicFlushWaitQuantile(300, 0.95), result.LatencyP95Seconds, "periodic flush p95 wait");
        WithinTwoPercent(LatencyFormulas.PeriodicFlushMeanBatchSize(10, 300), result.MeanBatchSize, "periodic flush batch size");
    }

    [Fact]
    public void MD1_mean_queueing_wait_matches_the_closed_form()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(0.5), new BatchingPolicy.None(), new ServiceTime.Linear(1.0, 0), Requests: 1_000_000));

        WithinTwoPercent(LatencyFormulas.MD1MeanQueueingWait(0.5, 1.0), result.MeanQueueingWaitSeconds, "M/D/1 mean queueing wait");
    }

    [Fact]
    public void A_window_opened_by_the_first_arrival_matches_its_mean_batch_and_mean_wait()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(4), new BatchingPolicy.Window(0.5), new ServiceTime.Linear(0, 0), Requests: 200_000));

        WithinTwoPercent(LatencyFormulas.FirstArrivalWindowMeanBatchSize(4, 0.5), result.MeanBatchSize, "window mean batch");
        WithinTwoPercent(LatencyFormulas.FirstArrivalWindowMeanWait(4, 0.5), result.MeanLatencySeconds, "window mean wait");
    }

    [Fact]
    public void A_size_cap_closes_windows_early_as_the_capped_formula_says()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(20), new BatchingPolicy.Window(0.5, MaxBatchSize: 8), new ServiceTime.Linear(0, 0), Requests: 200_000));

        WithinTwoPercent(LatencyFormulas.CappedWindowMeanBatchSize(20, 0.5, 8), result.MeanBatchSize, "capped window mean batch");
        Assert.Equal(8, result.BatchSizeCounts.Keys.Max());
    }

    [Fact]
    public void A_size_policy_waits_for_full_batches_so_the_first_item_waits_for_the_other_b_minus_one()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(10), new BatchingPolicy.Size(10), new ServiceTime.Linear(0, 0), Requests: 200_000));

        // Within a batch the k-th item waits for 10 - k more arrivals, each 0.1 s apart on average: mean (9 + 8 + ... + 0) / 10 x 0.1 s.
        WithinTwoPercent(0.45, result.MeanLatencySeconds, "size policy mean wait");
        Assert.Equal(10, result.MeanBatchSize, 9);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => BatchingSimulator.Run(
            new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.Size(0), new ServiceTime.Linear(0, 0)))).ParamName);
    }

    [Fact]
    public void An_overloaded_server_is_reported_unstable_rather_than_with_large_numbers()
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(2), new BatchingPolicy.None(), new ServiceTime.Exponential(1.0), Requests: 100_000));

        Assert.False(result.Stable);
        Assert.True(double.IsNaN(result.LatencyP99Seconds));
        Assert.True(double.IsNaN(result.MeanLatencySeconds));
        Assert.True(result.Utilisation > 0.99);
    }

    [Fact]
    public void Batching_keeps_a_server_stable_where_one_by_one_service_is_overloaded()
    {
        // s(b) = 10 ms + 1 ms x b: one by one it serves at most 1/0.011 = 91 requests/s, in batches of up to 64 far more.
        var service = new ServiceTime.Linear(0.010, 0.001);
        Assert.True(LatencyFormulas.MaxStableArrivalRate(0.010, 0.001, 64) > 200);

        var alone = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(200), new BatchingPolicy.None(), service, Requests: 100_000));
        var batched = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(200), new BatchingPolicy.Window(0.02, 64), service, Requests: 100_000));

        Assert.False(alone.Stable);
        Assert.True(batched.Stable);
        Assert.True(batched.MeanBatchSize > 1);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_does_not()
    {
        SimulationResult Run(int seed) => BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(0.8), new BatchingPolicy.None(), new ServiceTime.Exponential(1.0), Requests: 10_000, Seed: seed));

        Assert.Equal(Run(1).LatencyP99Seconds, Run(1).LatencyP99Seconds);
        Assert.NotEqual(Run(1).LatencyP99Seconds, Run(2).LatencyP99Seconds);
    }

    [Fact]
    public void Recorded_arrivals_are_replayed_and_a_profile_is_interpolated()
    {
        var profile = new ServiceTime.Profile(new Dictionary<int, double> { [1] = 0.01, [8] = 0.03 });

        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Recorded([0.05, 0.1, 0.2, 0.3]), new BatchingPolicy.PeriodicFlush(1.0), profile, Requests: 4, WarmUpFraction: 0));

        // All four arrive before the flush at t = 1 s and are served together in 0.01 + 0.02 x 3/7 s.
        Assert.Equal(1, result.Batches);
        var service = 0.01 + 0.02 * 3 / 7;
        Assert.Equal(1.0 - 0.05 + service, result.LatencyP99Seconds, 9);
        Assert.Equal((0.95 + 0.9 + 0.8 + 0.7) / 4 + service, result.MeanLatencySeconds, 9);
    }

    [Fact]
    public void Nearest_rank_quantiles_match_a_hand_worked_example()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(5, NearestRank.Quantile(sorted, 0.5));
        Assert.Equal(10, NearestRank.Quantile(sorted, 0.95));
        Assert.Equal(1, NearestRank.Quantile(sorted, 0.1));
        Assert.Equal(10, NearestRank.Quantile(sorted, 1.0));
    }

    public static TheoryData<SimulationOptions, string> BadOptions() => new()
    {
        { new SimulationOptions(new Arrivals.Poisson(-1), new BatchingPolicy.None(), new ServiceTime.Linear(0, 0)), "RatePerSecond" },
        { new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.PeriodicFlush(-5), new ServiceTime.Linear(0, 0)), "PeriodSeconds" },
        { new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.Window(0), new ServiceTime.Linear(0, 0)), "WindowSeconds" },
        { new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.Window(1, 0), new ServiceTime.Linear(0, 0)), "MaxBatchSize" },
        { new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.None(), new ServiceTime.Linear(-1, 0)), "FixedSeconds" },
        { new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.None(), new ServiceTime.Linear(0, 0), Requests: 0), "Requests" },
        { new SimulationOptions(new Arrivals.Recorded([]), new BatchingPolicy.None(), new ServiceTime.Linear(0, 0)), "Times" },
        { new SimulationOptions(new Arrivals.Recorded([2.0, 1.0]), new BatchingPolicy.None(), new ServiceTime.Linear(0, 0)), "Times" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_input_is_refused_naming_the_argument(SimulationOptions options, string argument)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => BatchingSimulator.Run(options));

        Assert.Equal(argument, error.ParamName);
    }
}
