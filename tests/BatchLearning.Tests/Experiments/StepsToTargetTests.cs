using BatchLearning.Experiments;
using BatchLearning.Training;

namespace BatchLearning.Tests.Experiments;

public sealed class StepsToTargetTests
{
    private static List<EvaluationRecord> Curve(params double[] testLosses) =>
        testLosses.Select((loss, i) => new EvaluationRecord((i + 1) * 10, 1, loss, 1 - loss, loss, 1 - loss, i)).ToList();

    [Fact]
    public void The_first_evaluation_at_or_past_the_target_gives_the_steps()
    {
        var curve = Curve(0.9, 0.6, 0.5, 0.3, 0.2);

        Assert.Equal(30, StepsToTarget.Find(curve, TargetMetric.TestLoss, 0.5));
        Assert.Equal(40, StepsToTarget.Find(curve, TargetMetric.TestAccuracy, 0.65));
    }

    [Fact]
    public void A_target_reached_only_at_the_last_evaluation_counts()
    {
        Assert.Equal(50, StepsToTarget.Find(Curve(0.9, 0.6, 0.5, 0.3, 0.2), TargetMetric.TestLoss, 0.2));
    }

    [Fact]
    public void A_target_never_reached_gives_null_and_a_loss_that_rises_again_does_not_undo_a_reached_target()
    {
        Assert.Null(StepsToTarget.Find(Curve(0.9, 0.6, 0.5), TargetMetric.TestLoss, 0.1));
        Assert.Equal(20, StepsToTarget.Find(Curve(0.9, 0.2, 0.7), TargetMetric.TestLoss, 0.3));
        Assert.Null(StepsToTarget.Find([], TargetMetric.TestLoss, 0.3));
        Assert.Throws<ArgumentException>(() => StepsToTarget.Find(Curve(0.5), TargetMetric.TestLoss, double.NaN));
    }
}

public sealed class StepsTradeOffTests
{
    [Fact]
    public void Exact_points_on_the_hyperbola_give_back_its_minimum_steps_and_noise_scale()
    {
        // S_min = 100, B_noise = 64: S(16) = 500, S(64) = 200, S(256) = 125.
        var fit = StepsTradeOff.Fit([(16, 500), (64, 200), (256, 125)]);

        Assert.Equal(100, fit.MinimumSteps, 9);
        Assert.Equal(64, fit.NoiseScale, 9);
        Assert.Equal(150, fit.Steps(128), 9);
    }

    [Fact]
    public void Too_few_batch_sizes_or_unreached_targets_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StepsTradeOff.Fit([(16, 500), (16, 480)]));
        Assert.Throws<ArgumentException>(() => StepsTradeOff.Fit([(16, 500), (64, 0)]));
    }
}
