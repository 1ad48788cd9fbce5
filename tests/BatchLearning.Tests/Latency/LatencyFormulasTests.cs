using BatchLearning.Latency;

namespace BatchLearning.Tests.Latency;

public sealed class LatencyFormulasTests
{
    [Fact]
    public void Closed_forms_match_values_worked_by_hand()
    {
        Assert.Equal(4.605170, LatencyFormulas.MM1TimeInSystemQuantile(1, 2, 0.99), 5); // ln(100) / (2 - 1)
        Assert.Equal(285, LatencyFormulas.PeriodicFlushWaitQuantile(300, 0.95), 9);
        Assert.Equal(Math.Exp(-2), LatencyFormulas.PeriodicFlushEmptyProbability(0.01, 200), 12);
        Assert.Equal(0.5, LatencyFormulas.MD1MeanQueueingWait(0.5, 1), 12); // 0.5 x 1 / (2 x 0.5)
        Assert.Equal(0.75, LatencyFormulas.FirstArrivalWindowMeanWait(1, 1), 12); // 1 x (1 + 1/2) / (1 + 1)
        Assert.Equal(64 / (0.010 + 0.001 * 64), LatencyFormulas.MaxStableArrivalRate(0.010, 0.001, 64), 9);
    }

    [Fact]
    public void A_cap_of_one_always_gives_batches_of_one_and_a_huge_cap_gives_the_uncapped_mean()
    {
        Assert.Equal(1, LatencyFormulas.CappedWindowMeanBatchSize(5, 2, 1), 12);
        Assert.Equal(LatencyFormulas.FirstArrivalWindowMeanBatchSize(5, 2), LatencyFormulas.CappedWindowMeanBatchSize(5, 2, 1000), 9);
    }

    [Fact]
    public void An_unstable_queue_has_no_closed_form_latency()
    {
        var error = Assert.Throws<ArgumentException>(() => LatencyFormulas.MM1MeanTimeInSystem(2, 1));

        Assert.Contains("unstable", error.Message);
    }

    [Theory]
    [InlineData(-1.0, 10.0, "arrivalRate")]
    [InlineData(1.0, 0.0, "windowSeconds")]
    public void Negative_rates_and_empty_windows_are_refused(double rate, double window, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LatencyFormulas.FirstArrivalWindowMeanWait(rate, window));

        Assert.Equal(argument, error.ParamName);
    }
}
