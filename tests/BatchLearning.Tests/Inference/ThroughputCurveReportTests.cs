using BatchLearning.Findings;
using BatchLearning.Inference;

namespace BatchLearning.Tests.Inference;

/// <summary>Notebook 01's statements about its throughput curve (issue 27): every branch worded from fixed numbers.</summary>
public sealed class ThroughputCurveReportTests
{
    // Batch sizes 1, 2, 4, ... with the given items a second; 1 GFLOP per 1,000 items a second, and one batch taking batch / rate seconds.
    private static List<InferenceProfile> Curve(params double[] itemsPerSecond) =>
        [.. itemsPerSecond.Select((rate, i) => new InferenceProfile(1 << i, rate, (1 << i) / rate * 1000, rate / 1000))];

    private static readonly Finding SameOutputs = Finding.Of("outputs one at a time and all at once", "same", ("largestDifference", 2.4e-7), ("classesThatDiffer", 0), ("rows", 4096));

    [Fact]
    public void Small_batches_all_faster_than_batch_one_share_the_per_call_cost()
    {
        var finding = ThroughputCurveReport.DescribeAgainstCeiling(Curve(1000, 1800, 3000, 4000, 4500, 4600, 4650), 10, torchThreads: 1);

        Assert.Equal("small batches faster", finding.Verdict);
        Assert.StartsWith("Ceiling: 10 GFLOP/s. Batch 1 reaches 1.0 GFLOP/s (10 % of it); the best, batch 64, reaches 4.7 GFLOP/s (47 %), 4.7x the throughput of batch 1.", finding.Text, StringComparison.Ordinal);
        Assert.EndsWith("the per-call cost is shared at once.", finding.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "on one thread, another program held the processor")]
    [InlineData(2, "libtorch splits all but the smallest calls over its 2 threads")]
    public void Small_batches_slower_than_batch_one_are_named_with_the_cause_for_the_thread_count(int threads, string cause)
    {
        var finding = ThroughputCurveReport.DescribeAgainstCeiling(Curve(1000, 900, 3000, 800, 4500), 10, threads);

        Assert.Equal("some small batches slower", finding.Verdict);
        Assert.Contains("Some batches of 2 to 8 ran slower than batch 1 here (2 and 8): ", finding.Text, StringComparison.Ordinal);
        Assert.Contains(cause, finding.Text, StringComparison.Ordinal);
        Assert.Equal(2, finding.Numbers["slowerSmallBatches"]);
    }

    [Fact]
    public void Only_the_small_batch_sizes_measured_are_named_and_only_the_doublings_measured_are_counted()
    {
        var two = Curve(1000, 1800);

        Assert.EndsWith("Batches of 2 each got through more items a second than batch 1: the per-call cost is shared at once.",
            ThroughputCurveReport.DescribeAgainstCeiling(two, 10, torchThreads: 1).Text, StringComparison.Ordinal);
        Assert.Contains("The last doubling gained 1.80x", ThroughputCurveReport.DescribeDoublings(two).Text, StringComparison.Ordinal);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => ThroughputCurveReport.Advice(two, Finding.Of("another", "x", ("n", 1)))).ParamName);
    }

    [Theory]
    [InlineData(new[] { 1000.0, 1800, 3000, 4000, 4100, 4150 }, "each doubling bought little, and mostly added latency.")]
    [InlineData(new[] { 1000.0, 1800, 3000, 4000, 3900, 4150 }, "doubling bought little or nothing (some doublings were slower)")]
    [InlineData(new[] { 1000.0, 1800, 3000, 6000, 12000, 24000 }, "your machine still gained from doubling at the large sizes.")]
    public void The_last_three_doublings_are_worded_by_what_they_bought(double[] rates, string wording)
    {
        var finding = ThroughputCurveReport.DescribeDoublings(Curve(rates));

        Assert.Contains(wording, finding.Text, StringComparison.Ordinal);
        Assert.Equal(rates[^1] / rates[^2], finding.Numbers["gain3OfLastThree"], 6);
    }

    [Fact]
    public void The_advice_batches_unless_single_calls_were_already_near_the_top()
    {
        var batched = ThroughputCurveReport.Advice(Curve(1000, 1800, 3000, 4000, 4100), SameOutputs);
        var flat = ThroughputCurveReport.Advice(Curve(1000, 950, 1010, 990), SameOutputs);

        Assert.Equal("batch", batched.Verdict);
        Assert.StartsWith("• Score emails in batches, not one call each: a batch of 8 got through 4.0x the items a second of single calls here.", batched.Text, StringComparison.Ordinal);
        Assert.Contains("differed from single calls by at most 2.4E-07 (float rounding), and 0 predicted class(es) changed.", batched.Text, StringComparison.Ordinal);
        Assert.Equal("batching bought little", flat.Verdict);
        Assert.StartsWith("• On this run single calls already came within 80 % of the best throughput", flat.Text, StringComparison.Ordinal);
        Assert.Equal("profile", Assert.Throws<ArgumentOutOfRangeException>(() => ThroughputCurveReport.Advice(Curve(1000), SameOutputs)).ParamName);
    }
}
