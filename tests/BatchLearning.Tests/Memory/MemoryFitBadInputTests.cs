using BatchLearning.Memory;

namespace BatchLearning.Tests.Memory;

/// <summary>A memory fit that does not grow with the batch size cannot say where a budget runs out: it says so instead of answering "any batch fits".</summary>
public sealed class MemoryFitBadInputTests
{
    [Theory]
    [InlineData(-10.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void A_fit_whose_slope_is_not_positive_refuses_to_give_a_largest_batch(double slope)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MemoryFit(1000, slope, 0.5).LargestBatchWithin(1e9));

        Assert.Contains("do not show memory growing with the batch size", error.Message);
    }

    [Fact]
    public void Measurements_that_fall_with_the_batch_size_give_a_fit_that_says_it_is_not_usable()
    {
        // Before: a negative slope answered long.MaxValue ("any batch fits").
        var fit = MemoryFit.Fit([new(8, 2000, "t"), new(64, 1500, "t"), new(256, 1200, "t")]);

        Assert.True(fit.BytesPerSample < 0);
        Assert.Throws<InvalidOperationException>(() => fit.LargestBatchWithin(1e6));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    public void A_budget_that_is_not_a_finite_positive_number_is_refused(double budget)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryFit(100, 10, 1).LargestBatchWithin(budget));

        Assert.Equal("budgetBytes", error.ParamName);
        Assert.Contains("finite number of bytes above 0", error.Message);
    }

    [Fact]
    public void A_huge_budget_on_a_tiny_slope_saturates_rather_than_wrapping()
    {
        Assert.Equal(long.MaxValue, new MemoryFit(0, 1e-12, 1).LargestBatchWithin(1e300));
    }

    [Fact]
    public void Negative_batch_sizes_or_peaks_are_refused()
    {
        Assert.Equal("measurements", Assert.Throws<ArgumentOutOfRangeException>(() => MemoryFit.Fit([new(-1, 100, "t"), new(2, 120, "t")])).ParamName);
        Assert.Equal("measurements", Assert.Throws<ArgumentOutOfRangeException>(() => MemoryFit.Fit([new(1, -100, "t"), new(2, 120, "t")])).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryFit(100, 10, 1).Predict(-1)).ParamName);
    }
}
