using BatchLearning.Memory;

namespace BatchLearning.Tests.Memory;

public sealed class MemoryFitTests
{
    [Fact]
    public void A_line_through_exact_points_gives_the_fixed_part_and_the_per_sample_part()
    {
        var fit = MemoryFit.Fit([new(1, 110, "test"), new(2, 120, "test"), new(4, 140, "test")]);

        Assert.Equal(100, fit.FixedBytes, 9);
        Assert.Equal(10, fit.BytesPerSample, 9);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.Equal(90, fit.LargestBatchWithin(1000));
        Assert.Equal(0, fit.LargestBatchWithin(50));
    }

    [Fact]
    public void Noisy_points_fit_by_least_squares_with_r_squared_below_one()
    {
        // y = 2 + 3x with residuals +1, -1, -1, +1: the least-squares line is y = 2 + 3x exactly; R² = 1 - 4/SS_total.
        var fit = MemoryFit.Fit([new(0, 3, "t"), new(1, 4, "t"), new(2, 7, "t"), new(3, 12, "t")]);

        Assert.Equal(3, fit.BytesPerSample, 9);
        Assert.Equal(2, fit.FixedBytes, 9);
        Assert.Equal(1 - 4 / 49.0, fit.RSquared, 9);
    }

    [Fact]
    public void Fitting_needs_two_batch_sizes()
    {
        Assert.Throws<ArgumentException>(() => MemoryFit.Fit([new(8, 100, "t"), new(8, 120, "t")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryFit(1, 1, 1).LargestBatchWithin(-5));
    }
}
