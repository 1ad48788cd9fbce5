using BatchLearning.Serving;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Serving;

/// <summary>Notebook 04's statements about its max-delay sweep (issue 27): every branch worded from fixed numbers.</summary>
public sealed class DelaySweepReportTests
{
    private static DelayTradeOff Point(double delayMs, double p50Ms, double meanBatch, double served = 1000) =>
        new(delayMs, 1000, served, p50Ms, p50Ms * 1.5, p50Ms * 2, meanBatch);

    private static TimingFinding Race(double[] first, double[] second) =>
        TimingFinding.Of("The model", "row", HeadToHead.Judge("batch 1", "batch 256", new RoundTimes(first, second, Enumerable.Repeat(1.0, first.Length).ToArray())),
            new FindingReasons("first", "second", "close"));

    [Fact]
    public void A_longer_delay_that_grew_batches_and_latency_is_called_a_trade_and_throughput_is_rounded_up()
    {
        var finding = DelaySweepReport.Describe(0.3, [Point(0, 0.4, 1.1, served: 968), Point(2, 1.2, 2.5), Point(8, 3.1, 6)]);

        Assert.Equal("traded latency for batches", finding.Verdict);
        Assert.StartsWith("At 30 % of capacity (1,000 requests/s), from max delay 0 to 8 ms the mean batch went from 1.1 to 6.0 and p50 latency from 0.40 to 3.10 ms (rising at every step)", finding.Text, StringComparison.Ordinal);
        Assert.Contains("throughput stayed within 4 % of the offered load", finding.Text, StringComparison.Ordinal);
        Assert.Equal(0.032, finding.Numbers["worstThroughputOff"], 6);
    }

    [Fact]
    public void A_sweep_whose_batches_did_not_grow_says_the_trade_did_not_show_and_where_latency_fell_on_the_way()
    {
        var finding = DelaySweepReport.Describe(0.5, [Point(0, 0.5, 2), Point(2, 0.4, 1.9), Point(8, 0.6, 1.8)]);

        Assert.Equal("no clear trade-off", finding.Verdict);
        Assert.Contains("(not at every step)", finding.Text, StringComparison.Ordinal);
        Assert.Contains("did not show clearly here", finding.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bought bigger batches", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prediction_s_explanation_follows_whether_batches_grew()
    {
        var grew = DelaySweepReport.ExplainBatchGrowth(0.3, Point(0, 0.4, 1.1), Point(8, 3, 6));
        var shrank = DelaySweepReport.ExplainBatchGrowth(0.3, Point(0, 0.4, 1.3), Point(8, 3, 1.2));

        Assert.Equal("at 30 % of capacity batches held 1.1 requests on average at max delay 0 ms and 6.0 at 8 ms: a batch that waits longer before it closes lets more of the requests arriving meanwhile join it.", grew);
        Assert.Contains("on this run the longer wait did not gather more requests", shrank, StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_batches_a_day_at_once_only_when_the_head_to_head_found_batches_faster()
    {
        var low = new[] { Point(0, 0.4, 1.1), Point(8, 3.1, 6) };
        var faster = DelaySweepReport.Advice(Race([3, 3.1, 2.9, 3, 3.2, 3, 3.1, 2.9, 3], [1, 1.1, 0.9, 1, 1, 1.1, 0.9, 1, 1]), 0.3, low, 5);
        var close = DelaySweepReport.Advice(Race([1, 1.1, 0.9, 1, 1, 1.1, 0.9, 1, 1], [1, 1, 1.1, 0.9, 1, 1.1, 1, 0.9, 1]), 0.3, low, 5);

        Assert.Equal("batch a day at once", faster.Verdict);
        Assert.StartsWith("• Scoring a day at once: batch (batch 256: 3.0x faster)", faster.Text, StringComparison.Ordinal);
        Assert.Equal("measure when quieter", close.Verdict);
        Assert.StartsWith("• Scoring a day at once: batches did not beat one at a time head to head here", close.Text, StringComparison.Ordinal);
        Assert.Contains("At 30 % of capacity, 8 ms of max delay moved p50 latency from 0.40 to 3.10 ms, while throughput stayed within 0 % of the offered load.", faster.Text, StringComparison.Ordinal);
        Assert.Contains("(5 ms here)", faster.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_names_each_load_and_refuses_a_capacity_or_share_out_of_range()
    {
        var finding = DelaySweepReport.Capacity(4200, [0.3, 0.5]);

        Assert.Equal("Capacity one request at a time, on one libtorch thread: 4,200 requests/s. Offered loads: 30 % = 1,260/s and 50 % = 2,100/s.", finding.Text);
        Assert.Equal(0.5, finding.Numbers["loadShare2"]);
        Assert.Equal("capacityPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => DelaySweepReport.Capacity(0, [0.3])).ParamName);
        Assert.Equal("loadShares", Assert.Throws<ArgumentOutOfRangeException>(() => DelaySweepReport.Capacity(100, [-0.1])).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => DelaySweepReport.Describe(0.3, [Point(0, 1, 1)])).ParamName);
    }
}
