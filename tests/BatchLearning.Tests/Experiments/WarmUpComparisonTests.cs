using BatchLearning.Data;
using BatchLearning.Experiments;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Experiments;

public sealed class WarmUpComparisonTests
{
    [Fact]
    public void Compares_the_same_seeds_with_and_without_warm_up_and_counts_what_the_runs_show()
    {
        var (train, test) = Digits.Load().Split(testFraction: 0.2, seed: 1);
        static nn.Module<Tensor, Tensor> NewModel() => nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
        GridOptions Options(LearningRateSchedule schedule) => new([256], [0.1], [5, 6], TrainingBudget.OfEpochs(3))
        {
            Scaling = new LearningRateScaling(ScalingRule.Linear, BaseBatchSize: 16),
            Schedule = schedule,
        };
        var with = ExperimentGrid.Run(NewModel, nn.CrossEntropyLoss(), train, test, Options(LearningRateSchedule.WarmUp(4)));
        var without = ExperimentGrid.Run(NewModel, nn.CrossEntropyLoss(), train, test, Options(LearningRateSchedule.Constant));
        static bool Unstable(GridRun run) => run.Diverged || run.Run.Updates.Max(u => u.Loss) > 2 * run.Run.Updates[0].Loss;

        var comparison = WarmUpComparison.Of(with, without, 256, 4, Unstable);
        Assert.Equal(1.6, comparison.LearningRate, 9);
        Assert.Equal(2, comparison.Seeds);
        Assert.Equal(with.Runs.Count(Unstable), comparison.UnstableWith);
        Assert.Equal(without.Runs.Count(Unstable), comparison.UnstableWithout);
        Assert.Contains("At batch 256 the linear rule's learning rate of 1.6", comparison.Describe().Text, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WarmUpComparison.Of(with, without, 512, 4, Unstable));
        var otherSeeds = ExperimentGrid.Run(NewModel, nn.CrossEntropyLoss(), train, test, Options(LearningRateSchedule.Constant) with { Seeds = [7, 8] });
        Assert.Equal("withoutWarmUp", Assert.Throws<ArgumentException>(() => WarmUpComparison.Of(with, otherSeeds, 256, 4, Unstable)).ParamName);
        Assert.Equal("warmUpUpdates", Assert.Throws<ArgumentOutOfRangeException>(() => WarmUpComparison.Of(with, without, 256, -1, Unstable)).ParamName);
    }

    [Theory]
    [InlineData(0, 2, 0.9, 0.8, 0.05, 0.15, "kept runs stable", "warm-up kept runs stable")]
    [InlineData(2, 0, 0.9, 0.8, 0.05, 0.15, "More runs were unstable with the warm-up", "more unstable with warm-up")]
    [InlineData(3, 3, double.NaN, double.NaN, double.NaN, double.NaN, "Every run was unstable either way", "unstable either way")]
    [InlineData(2, 2, double.NaN, double.NaN, double.NaN, double.NaN, "no accuracy to compare, this run cannot say", "cannot say")]
    [InlineData(0, 0, 0.95, 0.90, 0.01, 0.09, "still raised the accuracy", "warm-up raised accuracy")]
    [InlineData(0, 0, 0.85, 0.90, -0.09, -0.01, "lowered the accuracy here", "warm-up lowered accuracy")]
    [InlineData(0, 0, 0.90, 0.90, -0.02, 0.02, "Too close to call", "too close to call")]
    public void The_verdict_follows_the_counts_and_the_interval(int unstableWith, int unstableWithout, double accuracyWith, double accuracyWithout, double low, double high, string expected, string verdict)
    {
        var mean = (low + high) / 2;
        var comparison = new WarmUpComparison(1024, 6.4, 2, 3, unstableWith, unstableWithout, accuracyWith, accuracyWithout, mean, low, high);

        var finding = comparison.Describe();

        Assert.Contains(expected, finding.Text, StringComparison.Ordinal);
        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal("the warm-up at batch 1024", finding.Topic);
        Assert.Equal(unstableWith, finding.Numbers["unstableWith"]);
    }

    [Fact]
    public void Without_a_warm_up_there_is_nothing_to_compare_and_the_sentence_says_so()
    {
        var comparison = new WarmUpComparison(256, 1.6, 0, 3, 0, 0, 0.9, 0.9, 0, 0, 0);
        Assert.StartsWith("The runs above had no warm-up", comparison.Describe().Text, StringComparison.Ordinal);
        Assert.Equal("no warm-up", comparison.Describe().Verdict);
    }
}
