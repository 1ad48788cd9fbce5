using BatchLearning.Latency;

namespace BatchLearning.Tests.Latency;

/// <summary>
/// Inputs at the edges: the capped-window formula at large lambda x T and huge caps (where exp(-lambda T) underflows), the simulator's
/// stability verdict at utilisation 1 and on very short runs, and the window sweep's own arguments.
/// </summary>
public sealed class LatencyBadInputTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    // The original summation, exact while exp(-mean) does not underflow and the cap is small.
    private static double DirectSum(double mean, int maxBatchSize)
    {
        var probability = Math.Exp(-mean);
        var cumulative = 0.0;
        var expected = 0.0;
        for (var k = 0; k < maxBatchSize - 1; k++)
        {
            expected += k * probability;
            cumulative += probability;
            probability *= mean / (k + 1);
        }

        return 1 + expected + (maxBatchSize - 1) * (1 - cumulative);
    }

    private static double Guarded(Func<double> formula)
    {
        var task = Task.Run(formula);
        Assert.True(task.Wait(HangGuard), "the formula did not finish within the hang guard");
        return task.Result;
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(0.1, 3)]
    [InlineData(1.0, 2)]
    [InlineData(5.0, 4)]
    [InlineData(10.0, 8)]
    [InlineData(10.0, 11)]
    [InlineData(20.0, 50)]
    [InlineData(100.0, 90)]
    [InlineData(100.0, 101)]
    [InlineData(300.0, 400)]
    public void For_small_values_the_capped_window_matches_the_direct_sum(double mean, int cap)
    {
        Assert.Equal(DirectSum(mean, cap), LatencyFormulas.CappedWindowMeanBatchSize(mean, 1.0, cap), 1e-10 * cap);
    }

    [Fact]
    public void A_large_load_with_a_cap_far_above_it_gives_one_plus_lambda_t_not_the_cap()
    {
        // lambda T = 1000: exp(-1000) underflows to 0, and the old sum answered the cap, 5000.
        Assert.Equal(1001, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(1000, 1.0, 5000)), 9);
        Assert.Equal(1 + 2e6, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(2e6, 1.0, 10_000_000)), 6);
    }

    [Fact]
    public void A_cap_at_the_mean_matches_the_hand_worked_identity_for_a_poisson_count()
    {
        // For an integer mean m, E[(N - m)+] = m P(N = m), so E[min(N, m)] = m - m P(N = m); P(N = m) worked out as a sum of logarithms.
        const int m = 1000;
        var logFactorial = Enumerable.Range(1, m).Sum(i => Math.Log(i));
        var atMean = Math.Exp(-m + m * Math.Log(m) - logFactorial);
        var expected = 1 + m - m * atMean; // about 988.39

        Assert.Equal(expected, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(m, 1.0, m + 1)), 9);
        Assert.InRange(expected, 988.3, 988.5);
    }

    [Fact]
    public void A_cap_of_int_max_value_finishes_and_is_right()
    {
        Assert.Equal(1.5, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(0.5, 1.0, int.MaxValue)), 12);

        // At mean m = int.MaxValue - 1 with the cap at the mean: m P(N = m) is sqrt(m / (2 pi)) (1 - 1/(12 m)) by Stirling.
        const double mean = int.MaxValue - 1.0;
        var expected = 1 + mean - Math.Sqrt(mean / (2 * Math.PI)) * (1 - 1 / (12 * mean));
        Assert.Equal(expected, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(mean, 1.0, int.MaxValue)), 1e-3);

        // A load far above the cap fills every window: the mean batch is the cap.
        Assert.Equal(5000, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(1e12, 1.0, 5000)), 9);
        Assert.Equal(int.MaxValue, Guarded(() => LatencyFormulas.CappedWindowMeanBatchSize(1e300, 1e300, int.MaxValue)));
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(1001)]
    [InlineData(950)]
    public void At_a_large_load_the_capped_formula_matches_the_simulator(int cap)
    {
        var result = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(1000), new BatchingPolicy.Window(1.0, cap), new ServiceTime.Linear(0, 0), Requests: 1_000_000));
        var formula = LatencyFormulas.CappedWindowMeanBatchSize(1000, 1.0, cap);

        Assert.True(Math.Abs(result.MeanBatchSize - formula) <= 0.01 * formula, $"simulated {result.MeanBatchSize}, formula {formula}");
    }

    [Fact]
    public void The_capped_formula_refuses_a_cap_below_one_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyFormulas.CappedWindowMeanBatchSize(1, 1, 0));

        Assert.Equal("maxBatchSize", error.ParamName);
        Assert.Contains("maxBatchSize is 0; valid range: 1 to", error.Message);
    }

    [Fact]
    public void A_server_busy_the_whole_run_is_not_reported_stable()
    {
        // One request a second, each served in exactly one second: utilisation 1, constant latency, and no capacity to spare.
        var arrivals = Enumerable.Range(0, 1000).Select(i => (double)i).ToList();
        var result = BatchingSimulator.Run(new SimulationOptions(new Arrivals.Recorded(arrivals), new BatchingPolicy.None(), new ServiceTime.Linear(1, 0), Requests: 1000));

        Assert.Equal(1, result.Utilisation, 12);
        Assert.False(result.Stable);
        Assert.True(double.IsNaN(result.LatencyP99Seconds));
    }

    [Fact]
    public void Too_few_requests_to_judge_are_reported_as_not_known_rather_than_stable()
    {
        // Arrivals twice as fast as the server: clearly unstable, but 10 requests cannot show it.
        var overloaded = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(2), new BatchingPolicy.None(), new ServiceTime.Exponential(1.0), Requests: 10));
        Assert.Null(overloaded.Stable);
        Assert.True(double.IsFinite(overloaded.MeanLatencySeconds)); // the short run's own figures are still reported

        var busy = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Recorded([0, 1, 2, 3, 4]), new BatchingPolicy.None(), new ServiceTime.Linear(1, 0), Requests: 5, WarmUpFraction: 0));
        Assert.Null(busy.Stable);

        // From the threshold on, a verdict is given.
        var enough = BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(0.1), new BatchingPolicy.None(), new ServiceTime.Linear(0.01, 0), Requests: BatchingSimulator.FewestRequestsToJudgeStability, WarmUpFraction: 0));
        Assert.True(enough.Stable);
    }

    public static TheoryData<double, double[], int, string, string> BadSweeps() => new()
    {
        { double.NaN, [60], 1000, "arrivalRate", "more than 0 requests per second" },
        { -1, [60], 1000, "arrivalRate", "more than 0 requests per second" },
        { 1, [60, double.NaN], 1000, "periodsSeconds", "more than 0 seconds" },
        { 1, [60, -5], 1000, "periodsSeconds", "more than 0 seconds" },
        { 1, [], 1000, "periodsSeconds", "at least one" },
        { 1, [60], 0, "requests", "from 1 to 100,000,000" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public void The_window_sweep_refuses_bad_arguments_before_simulating(double rate, double[] periods, int requests, string argument, string range)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => WindowSweep.PeriodicFlush(rate, periods, new ServiceTime.Linear(0, 0), requests));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void Missing_parts_of_a_simulation_are_named_rather_than_failing_with_a_null_reference()
    {
        var service = new ServiceTime.Linear(0, 0);

        Assert.Equal("Arrivals", Assert.Throws<ArgumentNullException>(() => BatchingSimulator.Run(new SimulationOptions(null!, new BatchingPolicy.None(), service))).ParamName);
        Assert.Equal("Policy", Assert.Throws<ArgumentNullException>(() => BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(1), null!, service))).ParamName);
        Assert.Equal("Service", Assert.Throws<ArgumentNullException>(() => BatchingSimulator.Run(new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.None(), null!))).ParamName);
        Assert.Equal("Times", Assert.Throws<ArgumentException>(() => BatchingSimulator.Run(new SimulationOptions(new Arrivals.Recorded(null!), new BatchingPolicy.None(), service))).ParamName);
        Assert.Equal("SecondsByBatchSize", Assert.Throws<ArgumentNullException>(() => BatchingSimulator.Run(
            new SimulationOptions(new Arrivals.Poisson(1), new BatchingPolicy.None(), new ServiceTime.Profile(null!)))).ParamName);
    }

    [Fact]
    public void A_first_arrival_window_under_a_huge_load_is_refused_naming_the_rate_and_its_range_instead_of_giving_NaN()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyFormulas.FirstArrivalWindowMeanWait(1e200, 1e200));

        Assert.Equal("arrivalRate", error.ParamName);
        Assert.Contains("valid range: 1e-06 to 1,000,000,000", error.Message);
    }

    [Fact]
    public void The_first_arrival_wait_tends_to_half_the_window_at_the_highest_load_it_takes()
    {
        var wait = LatencyFormulas.FirstArrivalWindowMeanWait(1e9, 1e9);

        Assert.Equal(0.5e9, wait, 1e-3);
    }

    [Fact]
    public void A_periodic_flush_whose_mean_batch_would_be_infinite_is_refused_naming_the_rate()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyFormulas.PeriodicFlushMeanBatchSize(1e308, 1e10));

        Assert.Equal("arrivalRate", error.ParamName);
        Assert.Contains("arrivalRate is 1e+308", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public void Every_formula_refuses_a_rate_that_is_not_a_finite_rate_in_range(double rate)
    {
        Func<double>[] formulas =
        [
            () => LatencyFormulas.PeriodicFlushMeanBatchSize(rate, 1),
            () => LatencyFormulas.PeriodicFlushEmptyProbability(rate, 1),
            () => LatencyFormulas.FirstArrivalWindowMeanBatchSize(rate, 1),
            () => LatencyFormulas.FirstArrivalWindowMeanWait(rate, 1),
            () => LatencyFormulas.MM1MeanTimeInSystem(rate, 2e9),
            () => LatencyFormulas.MD1MeanQueueingWait(rate, 1e-12),
        ];

        Assert.All(formulas, formula => Assert.Equal("arrivalRate", Assert.Throws<ArgumentOutOfRangeException>(() => formula()).ParamName));
    }

    [Fact]
    public void Service_that_takes_no_time_has_no_finite_highest_stable_rate_and_says_so()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyFormulas.MaxStableArrivalRate(0, 0, 8));

        Assert.Equal("fixedSeconds", error.ParamName);
        Assert.Contains("valid range: above 0 when perItemSeconds is 0", error.Message);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public void A_poisson_rate_where_every_wait_would_round_to_nothing_is_refused_before_the_simulation(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BatchingSimulator.Run(new SimulationOptions(
            new Arrivals.Poisson(rate), new BatchingPolicy.None(), new ServiceTime.Linear(0.001, 0), Requests: 100)));

        Assert.Equal("RatePerSecond", error.ParamName);
        Assert.Contains("valid range: 1e-06 to 1,000,000,000", error.Message);
    }
}
