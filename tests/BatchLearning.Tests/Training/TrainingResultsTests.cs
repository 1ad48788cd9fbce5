using BatchLearning.Data;
using BatchLearning.Notebook;
using BatchLearning.Training;

namespace BatchLearning.Tests.Training;

public sealed class TrainingResultsTests
{
    private static TrainingRun Run(string name, int batchSize, params (double Loss, double Seconds)[] epochs)
    {
        var options = new TrainingOptions(batchSize, TrainingBudget.OfEpochs(epochs.Length), OptimizerSettings.Sgd(0.1)) { Name = name };
        var updates = Enumerable.Range(1, epochs.Length * 4).Select(u => new UpdateRecord(u, (u - 1) / 4 + 1, batchSize, 0.1, 10.0 / u, u * 0.01)).ToList();
        var records = epochs.Select((e, i) => new EpochRecord(i + 1, (i + 1) * 4, e.Loss, 0.5, e.Loss + 0.1, 0.4, 1000, e.Seconds, e.Seconds * (i + 1))).ToList();
        return new TrainingRun(name, options, updates, records, 4);
    }

    [Fact]
    public void Several_runs_become_one_table_with_a_row_per_run_and_epoch()
    {
        var table = new[] { Run("a", 8, (1.0, 2), (0.5, 2)), Run("b", 32, (0.9, 1)) }.ToDataFrame();

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("Run", table.Columns[0].Name);
        Assert.Equal("b", table.Columns["Run"][2]);
        Assert.Equal(0.5, table.Columns["TrainLoss"][1]);
    }

    [Fact]
    public void A_summary_has_one_line_per_run_with_its_final_figures()
    {
        var summary = new[] { Run("a", 8, (1.0, 2), (0.5, 3)) }.Summarize().Single();

        Assert.Equal(2, summary.Epochs);
        Assert.Equal(8, summary.Updates);
        Assert.Equal(4, summary.UpdatesPerEpoch);
        Assert.Equal(0.5, summary.TrainLoss);
        Assert.Equal(0.6, summary.TestLoss, 12);
        Assert.Equal(8 * 8 / 0.08, summary.SamplesPerSecond, 6);
    }

    [Fact]
    public void Charts_put_each_run_on_the_asked_axes()
    {
        var runs = new[] { Run("a", 8, (1.0, 2), (0.5, 3)), Run("b", 32, (0.9, 1)) };

        var byTime = runs.ToChart(TrainingMetric.TrainLoss, TrainingAxis.Seconds);
        var byUpdate = runs.ToChart(TrainingMetric.BatchLoss, TrainingAxis.Update, logarithmicX: true);

        Assert.Equal(new[] { "a", "b" }, byTime.Series.Select(s => s.Name));
        Assert.Equal(new[] { 2.0, 6.0 }, byTime.Series[0].X);
        Assert.Equal(new[] { 1.0, 0.5 }, byTime.Series[0].Y);
        Assert.Equal(8, byUpdate.Series[0].X.Count);
        Assert.True(byUpdate.X.Logarithmic);
        Assert.Throws<ArgumentException>(() => Array.Empty<TrainingRun>().ToChart());
    }

    [Fact]
    public void The_progress_line_names_the_run_the_budget_and_the_latest_accuracy()
    {
        var line = TrainingDisplay.Describe(new TrainingProgress("batch 32", 2, 45, 90, 0.25, 0.1, 1.5, new EpochRecord(1, 45, 0.3, 0.9, 0.35, 0.875, 100, 1, 1)));

        Assert.Equal("batch 32: training, epoch 2, update 45 of 90 (50%), loss 0.2500, test accuracy 87.5%, 1.5 s", line);
    }
}
