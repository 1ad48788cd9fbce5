using BatchLearning.Gradients;

namespace BatchLearning.Tests.Gradients;

/// <summary>Notebook 02's statements about mini-batch gradients, on fixed numbers: every branch of their wording.</summary>
public sealed class GradientReportTests
{
    [Theory]
    [InlineData(0.05, 1e-8, "mean of means off", "the mean of means is off by far more than float rounding).")]
    [InlineData(1e-8, 1e-8, "too close to tell apart", "too close to tell apart here).")]
    public void Two_averages_of_pieces_are_told_apart_only_beyond_float_rounding(double meanOfMeans, double weighted, string verdict, string ending)
    {
        var finding = GradientReport.DescribeAccumulationError(new AccumulationComparison(256, [64, 64, 64, 64], 1e-8, 1e-8),
            new AccumulationComparison(250, [64, 64, 64, 58], meanOfMeans, weighted));

        Assert.Equal(verdict, finding.Verdict);
        Assert.EndsWith(ending, finding.Text, StringComparison.Ordinal);
        Assert.Contains("with equal pieces (64 + 64 + 64 + 64) 0.000001 % as a mean", finding.Text, StringComparison.Ordinal);
        Assert.Contains("with the uneven last piece (64 + 64 + 64 + 58)", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_variance_follows_the_line_or_strays_and_names_the_step_of_the_batch()
    {
        GradientVariance At(int batch, double measured, double predicted) => new(batch, measured, predicted, 64);
        var follows = GradientReport.DescribeNoise(new GradientNoiseMeasurement(1, 1, 1_437, [At(1, 100, 100), At(4, 26, 25), At(16, 6, 6.2)]), 1_437);
        var strays = GradientReport.DescribeNoise(new GradientNoiseMeasurement(1, 1, 1_437, [At(1, 100, 100), At(3, 80, 33.3)]), 1_437);

        Assert.Equal("follows the line", follows.Verdict);
        Assert.Contains("Each quadrupling of the batch cut the measured variance by 3.8x, 4.3x; the formula predicts 4.0x, 4.0x (4x from the 1/B law", follows.Text, StringComparison.Ordinal);
        Assert.Equal("strayed", strays.Verdict);
        Assert.Contains("Each 3-fold step of the batch", strays.Text, StringComparison.Ordinal);
        Assert.EndsWith("64 draws per size leave that much scatter.", strays.Text, StringComparison.Ordinal);
        Assert.Equal(2.40, strays.Numbers["largestRatio"], 2);
    }
}
