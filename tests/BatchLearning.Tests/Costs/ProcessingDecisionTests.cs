using BatchLearning.Costs;

namespace BatchLearning.Tests.Costs;

public sealed class ProcessingDecisionTests
{
    private static readonly BatchApiTerms OpenAi = PriceTable.Default.Terms("OpenAI");

    [Fact]
    public void The_budget_picks_batch_API_periodic_batches_or_real_time()
    {
        Assert.Equal(ProcessingChoice.BatchApi, ProcessingDecision.Decide("report", TimeSpan.FromHours(24), OpenAi).Choice);
        var triage = ProcessingDecision.Decide("triage", TimeSpan.FromMinutes(5), OpenAi);
        Assert.Equal(ProcessingChoice.PeriodicBatch, triage.Choice);
        Assert.Equal(300 / 0.99, triage.FlushPeriod!.Value.TotalSeconds, 6); // p99 wait 0.99 T = the budget
        Assert.Equal(ProcessingChoice.RealTime, ProcessingDecision.Decide("chat", TimeSpan.FromSeconds(2), OpenAi).Choice);
    }

    [Fact]
    public void A_budget_of_zero_is_refused()
    {
        Assert.Equal("latencyBudget", Assert.Throws<ArgumentOutOfRangeException>(() => ProcessingDecision.Decide("x", TimeSpan.Zero, OpenAi)).ParamName);
    }

    [Fact]
    public void The_volume_sweep_grows_linearly_for_the_API_and_stays_flat_for_a_dedicated_machine_until_it_cannot_keep_up()
    {
        var workload = new ApiWorkload(1000, 200, 3, 150);
        var machine = PriceTable.Default.Gpu("L4");

        var points = CostSensitivity.OverVolume(PriceTable.Default.Api("gpt-4o-mini"), workload, [1000, 2000, 100_000], (machine, 1.0));

        Assert.Equal(2 * points[0].RealTimePerMonth, points[1].RealTimePerMonth, 9);
        Assert.Equal(24 * 0.80 * 30, points[0].DedicatedPerMonth!.Value, 9);
        Assert.Equal(points[0].DedicatedPerMonth, points[1].DedicatedPerMonth);
        Assert.Null(points[2].DedicatedPerMonth); // 1 item/s is 86,400 a day: fewer than 100,000
        var chart = points.ToChart("cost", "emails a day");
        Assert.Equal(3, chart.Series.Count);
        Assert.True(chart.X.Logarithmic);
    }
}
