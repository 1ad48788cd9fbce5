using BatchLearning.Experiments;

namespace BatchLearning.Tests.Experiments;

public sealed class ConfidenceIntervalTests
{
    [Fact]
    public void Five_values_give_the_hand_worked_t_interval()
    {
        // 1..5: mean 3, s = sqrt(2.5) = 1.5811, s/sqrt(5) = 0.70711, t(0.975, 4) = 2.776: half-width 1.96294.
        var interval = ConfidenceInterval.Of([1, 2, 3, 4, 5]);

        Assert.Equal(3, interval.Mean, 12);
        Assert.Equal(2.776 * Math.Sqrt(2.5) / Math.Sqrt(5), interval.HalfWidth, 12);
        Assert.Equal(1.037, interval.Lower, 3);
        Assert.Equal(5, interval.Count);
    }

    [Fact]
    public void Two_values_use_the_wide_quantile_and_many_values_approach_the_normal_one()
    {
        Assert.Equal(12.706 * Math.Sqrt(0.5) / Math.Sqrt(2), ConfidenceInterval.Of([0, 1]).HalfWidth, 9);
        // Tabulated t(0.975, 40) = 2.021, t(0.975, 120) = 1.980.
        Assert.Equal(2.021, ConfidenceInterval.StudentT975(40), 3);
        Assert.Equal(1.980, ConfidenceInterval.StudentT975(120), 3);
    }

    [Fact]
    public void Fewer_than_two_values_are_refused_with_advice()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfidenceInterval.Of([0.9]));

        Assert.Contains("at least 2 values (seeds); got 1", error.Message);
        Assert.Throws<ArgumentException>(() => ConfidenceInterval.Of([1, double.NaN]));
    }
}
