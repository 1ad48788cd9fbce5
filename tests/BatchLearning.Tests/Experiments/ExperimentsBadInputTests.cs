using BatchLearning.Data;
using BatchLearning.Experiments;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Experiments;

/// <summary>Targets, intervals and grids that cannot mean anything are refused, naming the argument and its range, instead of answering "not reached" or a NaN.</summary>
[Collection(TorchRandomCollection.Name)]
public sealed class ExperimentsBadInputTests
{
    private static List<EvaluationRecord> Curve(params double[] losses) =>
        losses.Select((loss, i) => new EvaluationRecord((i + 1) * 10, 1, loss, 1 - loss, loss, 1 - loss, i)).ToList();

    [Theory]
    [InlineData(TargetMetric.TestAccuracy, 90.0, "share from 0 to 1")]
    [InlineData(TargetMetric.TrainAccuracy, -0.1, "share from 0 to 1")]
    [InlineData(TargetMetric.TestLoss, -0.5, "finite number from 0")]
    [InlineData(TargetMetric.TrainLoss, -1e-9, "finite number from 0")]
    public void A_target_outside_its_metric_s_range_is_refused_rather_than_never_reached(TargetMetric metric, double target, string range)
    {
        // Before: 90 (percent) as an accuracy target was simply "not reached" (null).
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StepsToTarget.Find(Curve(0.9, 0.5, 0.1), metric, target));

        Assert.Equal("target", error.ParamName);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void A_metric_no_evaluation_measured_or_an_undefined_metric_is_refused()
    {
        var withoutTestSet = Curve(0.9, 0.5).Select(e => e with { TestLoss = double.NaN, TestAccuracy = double.NaN }).ToList();

        var error = Assert.Throws<ArgumentException>(() => StepsToTarget.Find(withoutTestSet, TargetMetric.TestLoss, 0.3));
        Assert.Equal("metric", error.ParamName);
        Assert.Contains("test set", error.Message);
        Assert.Equal(20, StepsToTarget.Find(withoutTestSet, TargetMetric.TrainLoss, 0.5));
        Assert.Equal("metric", Assert.Throws<ArgumentOutOfRangeException>(() => StepsToTarget.Find(Curve(0.5), (TargetMetric)9, 0.3)).ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, 2, "Mean")]
    [InlineData(1.0, double.NaN, 2, "HalfWidth")]
    [InlineData(1.0, -0.1, 2, "HalfWidth")]
    [InlineData(1.0, 0.1, 0, "Count")]
    public void An_interval_with_a_nan_mean_a_negative_width_or_no_values_cannot_be_built(double mean, double halfWidth, int count, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConfidenceInterval(mean, halfWidth, count));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void An_interval_over_a_nan_value_names_which_value()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfidenceInterval.Of([0.5, 0.6, double.NaN]));

        Assert.Equal("values", error.ParamName);
        Assert.Contains("Value 2 is NaN", error.Message);
    }

    [Fact]
    public void The_trade_off_refuses_a_batch_size_of_zero()
    {
        var fit = StepsTradeOff.Fit([(16, 500), (64, 200), (256, 125)]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => fit.Steps(0));
        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains("above 0", error.Message);
    }

    public static TheoryData<GridOptions, string> BadGrids() => new()
    {
        { new GridOptions([8, 8], [0.1], [1, 2], TrainingBudget.OfEpochs(1)), "BatchSizes" },
        { new GridOptions([8], [0.1, 0.1], [1, 2], TrainingBudget.OfEpochs(1)), "LearningRates" },
        { new GridOptions([8], [0.1], [1, 1], TrainingBudget.OfEpochs(1)), "Seeds" },
        { new GridOptions([0], [0.1], [1, 2], TrainingBudget.OfEpochs(1)), "BatchSizes" },
        { new GridOptions([8], [double.NaN], [1, 2], TrainingBudget.OfEpochs(1)), "LearningRates" },
        { new GridOptions([8], [-0.1], [1, 2], TrainingBudget.OfEpochs(1)), "LearningRates" },
        { new GridOptions([8], [0.1], [1, 2], TrainingBudget.OfEpochs(1)) { EvaluateEveryUpdates = 0 }, "EvaluateEveryUpdates" },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public void A_grid_with_repeated_or_out_of_range_settings_is_refused_before_any_run(GridOptions options, string list)
    {
        // A repeated seed gave two identical runs in one cell: an interval of width 0 that looked like certainty.
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(list, error.ParamName);
    }

    [Fact]
    public void A_curve_of_a_test_metric_without_a_test_set_is_blank_rather_than_an_error()
    {
        using var data = SyntheticData.Blobs(200, classes: 3, features: 4, spread: 3, seed: 5);
        var results = ExperimentGrid.Run(() => nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)), nn.CrossEntropyLoss(), data, null,
            new GridOptions([32], [0.1], [1, 2], TrainingBudget.OfEpochs(2)));

        var chart = results.ToCurvesChart(TrainingMetric.TestLoss);

        Assert.All(chart.Series[0].Y, y => Assert.True(double.IsNaN(y)));
        Assert.All(results.ToCurvesChart(TrainingMetric.TrainLoss).Series[0].Y, y => Assert.True(double.IsFinite(y)));
    }
}
