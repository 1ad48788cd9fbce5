using BatchLearning.Data;
using BatchLearning.Experiments;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Tests.Experiments;

[Collection(TorchRandomCollection.Name)]
public sealed class ExperimentGridTests
{
    private static nn.Module<Tensor, Tensor> Model() => nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3));

    private static DataSplit Data() => SyntheticData.Blobs(400, classes: 3, features: 4, spread: 3, seed: 5).Split(0.25, seed: 5);

    [Fact]
    public void The_same_seeds_give_identical_grid_results_and_every_combination_runs()
    {
        using var data = Data();
        var options = new GridOptions([8, 64], [0.05, 0.2], [1, 2], TrainingBudget.OfEpochs(2));

        var first = ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, data.Test, options);
        var second = ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, data.Test, options);

        Assert.Equal(8, first.Runs.Count);
        Assert.Equal(first.Runs.Select(r => r.TestLoss), second.Runs.Select(r => r.TestLoss));
        Assert.Equal(first.Runs.Select(r => (r.BatchSize, r.LearningRate, r.Seed)).Distinct().Count(), first.Runs.Count);
        Assert.NotEqual(first.Runs[0].TestLoss, first.Runs[1].TestLoss); // different seeds, different runs
        var cells = first.Cells();
        Assert.Equal(4, cells.Count);
        Assert.All(cells, c => Assert.True(c.TestLossHalfWidth > 0 && c.Runs == 2));
        Assert.Equal(8, first.ToDataFrame().Rows.Count);
    }

    [Fact]
    public void A_scaled_runs_name_shows_the_rate_it_trains_at_not_the_base_rate()
    {
        using var data = Data();
        var options = new GridOptions([64], [0.1], [1], TrainingBudget.OfEpochs(1)) { Scaling = new LearningRateScaling(ScalingRule.Linear, BaseBatchSize: 16) };

        var run = Assert.Single(ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, data.Test, options).Runs);

        Assert.Equal("batch 64, lr 0.4, seed 1", run.Run.Name);
    }

    [Fact]
    public void A_diverging_learning_rate_is_recorded_as_diverged_and_the_grid_goes_on()
    {
        TorchSharp.torch.manual_seed(1);
        var x = randn(300, 3) * 50;
        using var data = new TensorDataSet(x, x.sum(1, keepdim: true));
        var options = new GridOptions([10], [1e-5, 50], [1, 2], TrainingBudget.OfEpochs(3));

        var results = ExperimentGrid.Run(() => nn.Linear(3, 1), nn.MSELoss(), data, null, options);

        Assert.Equal(new[] { false, false, true, true }, results.Runs.Select(r => r.Diverged));
        Assert.True(double.IsNaN(results.Runs[2].TestLoss));
        var heat = results.ToHeatMap(TrainingMetric.TrainLoss);
        Assert.Equal(2, heat.Series[0].Z!.Count);
        Assert.Contains(heat.Series[0].Z!, double.IsNaN);
    }

    [Fact]
    public void Curves_average_seeds_with_a_band_and_one_seed_cannot_give_intervals()
    {
        using var data = Data();
        var two = ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, data.Test, new GridOptions([32], [0.1], [1, 2], TrainingBudget.OfEpochs(3)));
        var one = ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, data.Test, new GridOptions([32], [0.1], [1], TrainingBudget.OfEpochs(1)));

        var chart = two.ToCurvesChart(TrainingMetric.TestAccuracy);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, chart.Series[0].X);
        Assert.Equal(BatchLearning.Charts.SeriesStyle.LinesWithBand, chart.Series[0].Style);
        var mean = two.Runs.Average(r => r.Run.Evaluations[2].TestAccuracy);
        Assert.Equal(mean, chart.Series[0].Y[2], 12);
        var error = Assert.Throws<InvalidOperationException>(() => one.Cells());
        Assert.Contains("at least 2 seeds", error.Message);
    }

    [Fact]
    public void Empty_grids_and_out_of_range_settings_are_refused_before_any_run()
    {
        using var data = Data();
        void Run(GridOptions options) => ExperimentGrid.Run(Model, nn.CrossEntropyLoss(), data.Train, null, options);

        Assert.Equal("BatchSizes", Assert.Throws<ArgumentException>(() => Run(new GridOptions([], [0.1], [1], TrainingBudget.OfEpochs(1)))).ParamName);
        Assert.Equal("LearningRates", Assert.Throws<ArgumentException>(() => Run(new GridOptions([8], [], [1], TrainingBudget.OfEpochs(1)))).ParamName);
        Assert.Equal("Seeds", Assert.Throws<ArgumentException>(() => Run(new GridOptions([8], [0.1], [], TrainingBudget.OfEpochs(1)))).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => Run(new GridOptions([8, 5000], [0.1], [1], TrainingBudget.OfEpochs(1)))).ParamName);
    }
}
