using BatchLearning.Training;

namespace BatchLearning.Tests.Training;

public sealed class LearningRateTests
{
    [Theory]
    [InlineData(ScalingRule.None, 128, 0.1)]
    [InlineData(ScalingRule.Linear, 128, 0.4)]
    [InlineData(ScalingRule.Linear, 8, 0.025)]
    [InlineData(ScalingRule.SquareRoot, 128, 0.2)]
    [InlineData(ScalingRule.SquareRoot, 8, 0.05)]
    public void Scaling_rules_follow_the_batch_size_relative_to_the_base(ScalingRule rule, int batchSize, double expected)
    {
        var scaling = new LearningRateScaling(rule, BaseBatchSize: 32);

        Assert.Equal(expected, scaling.LearningRate(0.1, batchSize), 12);
    }

    [Fact]
    public void Warm_up_ramps_linearly_then_hands_over()
    {
        var schedule = LearningRateSchedule.WarmUp(4, LearningRateSchedule.StepDecay(every: 2, factor: 0.5));

        Assert.Equal(new[] { 0.25, 0.5, 0.75, 1, 1, 1, 0.5, 0.5, 0.25 }, Enumerable.Range(1, 9).Select(schedule.Factor));
    }

    [Fact]
    public void Cosine_decay_goes_from_one_to_the_floor_through_the_middle()
    {
        var schedule = LearningRateSchedule.Cosine(updates: 100, floor: 0.1);

        Assert.Equal(1.0, schedule.Factor(1), 12);
        Assert.Equal(0.55, schedule.Factor(51), 12);
        Assert.Equal(0.1, schedule.Factor(101), 12);
        Assert.Equal(0.1, schedule.Factor(500), 12);
    }

    [Fact]
    public void The_options_combine_base_rate_scaling_and_schedule()
    {
        var options = new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Sgd(0.1))
        {
            Scaling = new LearningRateScaling(ScalingRule.Linear, 32),
            Schedule = LearningRateSchedule.WarmUp(10),
        };

        Assert.Equal(0.02, options.LearningRateAt(1), 12);
        Assert.Equal(0.2, options.LearningRateAt(10), 12);
        Assert.Equal(0.2, options.LearningRateAt(1000), 12);
    }

    [Fact]
    public void Bad_schedule_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.WarmUp(0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(10, 1.5).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateScaling(ScalingRule.Linear, 0).Factor(8));
    }
}
