using BatchLearning.Hardware;
using BatchLearning.Timing;

namespace BatchLearning.Tests.Hardware;

/// <summary>Notebook 00-setup's statements as findings (issue 27): every branch of their wording on fixed numbers.</summary>
public sealed class SetupFindingTests
{
    private static MatrixProductProfile Profile(double ceiling, int ceilingSize, params (int Size, double Gflops)[] points) =>
        new(new MachineCeiling(ceiling, ceilingSize, double.NaN, 12, 1), [.. points.Select(p => new MatrixProductMeasurement(p.Size, 5, 1, p.Gflops, p.Gflops / ceiling))]);

    private static BatchedProductComparison Comparison(double ratio, double spread)
    {
        var rounds = Enumerable.Range(0, 9).Select(i => ratio * (1 + spread * (i - 4) / 4)).ToList();
        var result = HeadToHead.Judge("one call each", "one batched call", new RoundTimes(rounds, Enumerable.Repeat(1.0, 9).ToList(), Enumerable.Repeat(1.0, 9).ToList()));
        return new BatchedProductComparison(1000, 32, ratio, 1, ratio, 0, result);
    }

    [Fact]
    public void The_largest_product_fastest_says_small_products_cannot_keep_the_cores_busy()
    {
        var finding = Profile(100, 2048, (64, 20), (512, 80), (2048, 98)).Describe();

        Assert.Equal("largest fastest", finding.Verdict);
        Assert.Equal("Ceiling: 100 GFLOP/s (best of 12 samples, at n = 2048). In the table the fastest size was n = 2048, at 98 GFLOP/s (98 % of the ceiling). " +
            "The smallest, n = 64, reached 20 GFLOP/s (20 %). The largest product was the fastest: small products finish too quickly to keep every core busy.", finding.Text);
        Assert.Equal(2048, finding.Numbers["fastestSize"]);
    }

    [Theory]
    [InlineData(256, "products this small fit the processor's fastest caches")]
    [InlineData(512, "the matrices outgrow the processor's caches")]
    public void A_smaller_size_fastest_names_the_causes_that_fit_its_size(int fastest, string cause)
    {
        var finding = Profile(100, fastest, (64, 20), (fastest, 95), (2048, 78)).Describe();

        Assert.Equal("smaller fastest", finding.Verdict);
        Assert.Contains($"The largest, n = 2048, reached 78 %: past n = {fastest} bigger was not faster in this run", finding.Text, StringComparison.Ordinal);
        Assert.Contains(cause, finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_above_the_ceiling_and_a_busy_ceiling_size_are_both_named()
    {
        var finding = Profile(100, 512, (64, 20), (256, 110), (512, 40), (2048, 70)).Describe();

        Assert.Contains("n = 256 landed above the ceiling", finding.Text, StringComparison.Ordinal);
        Assert.Contains("n = 512's median reached only 40 % of the best sample taken at that same size", finding.Text, StringComparison.Ordinal);
        Assert.Equal(0.4, finding.Numbers["ceilingSizeShare"], 6);
    }

    [Fact]
    public void The_advice_hands_the_model_many_emails_only_when_the_batched_call_won()
    {
        var products = Profile(100, 2048, (64, 20), (2048, 98));

        var won = SetupAdvice.Of(products, Comparison(20, 0.2), "MLP 512-128-5", 1e6);
        var close = SetupAdvice.Of(products, Comparison(1.0, 0.3), "MLP 512-128-5", 1e6);

        Assert.Equal("many per call", won.Verdict);
        Assert.Contains("• Hand the model many emails per call: 1,000 small products in one call ran 20x faster than one call each", won.Text, StringComparison.Ordinal);
        Assert.Contains("could do the arithmetic of at most 100,000 emails a second here; the products above reached 20 % to 98 % of it, by size.", won.Text, StringComparison.Ordinal);
        Assert.Equal("run it again", close.Verdict);
        Assert.DoesNotContain("Hand the model many emails", close.Text, StringComparison.Ordinal);
        Assert.Equal("flopsPerEmail", Assert.Throws<ArgumentOutOfRangeException>(() => SetupAdvice.Of(products, Comparison(20, 0.2), "m", 0)).ParamName);
    }

    [Fact]
    public void The_difference_between_the_two_ways_is_identical_or_rounding()
    {
        var same = Comparison(20, 0.2);
        var rounded = same with { MaxDifference = 2.4e-7 };

        Assert.Equal("The two results are identical: the same arithmetic.", same.DescribeDifference().Text);
        Assert.Equal("The largest difference between the two results is 2.4E-07: float rounding, the same arithmetic.", rounded.DescribeDifference().Text);
        Assert.Equal("rounding only", rounded.DescribeDifference().Verdict);
    }
}
