using BatchLearning.Charts;

namespace BatchLearning.Training;

/// <summary>Training curves of one or several runs on one chart: loss or accuracy against epochs, updates or seconds.</summary>
public static class TrainingCharts
{
    /// <summary>Most points drawn per run for <see cref="TrainingMetric.BatchLoss"/>; longer runs are averaged over equal windows.</summary>
    public const int MostBatchLossPoints = 400;

    /// <summary>One curve per run.</summary>
    /// <param name="runs">The runs, at least one.</param>
    /// <param name="metric">What to show; defaults to the test loss.</param>
    /// <param name="axis">Against what; defaults to epochs.</param>
    /// <param name="logarithmicX">Log scale on the x axis (useful for updates when batch sizes differ a lot); defaults to false.</param>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static Chart ToChart(this IEnumerable<TrainingRun> runs, TrainingMetric metric = TrainingMetric.TestLoss, TrainingAxis axis = TrainingAxis.Epoch, bool logarithmicX = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Give at least one training run to chart.", nameof(runs));
        }

        var series = list.Select(run => metric == TrainingMetric.BatchLoss ? BatchLossSeries(run, axis) : EpochSeries(run, metric, axis)).ToArray();
        return Chart.Of($"{MetricTitle(metric)} against {AxisTitle(axis)}", new Axis(AxisTitle(axis), logarithmicX), new Axis(MetricTitle(metric)), series);
    }

    /// <summary>One curve for this run; see <see cref="ToChart(IEnumerable{TrainingRun}, TrainingMetric, TrainingAxis, bool)"/>.</summary>
    public static Chart ToChart(this TrainingRun run, TrainingMetric metric = TrainingMetric.TestLoss, TrainingAxis axis = TrainingAxis.Epoch, bool logarithmicX = false) =>
        new[] { run ?? throw new ArgumentNullException(nameof(run)) }.ToChart(metric, axis, logarithmicX);

    private static ChartSeries EpochSeries(TrainingRun run, TrainingMetric metric, TrainingAxis axis)
    {
        var x = run.Epochs.Select(e => axis switch
        {
            TrainingAxis.Update => e.Updates,
            TrainingAxis.Seconds => e.ElapsedSeconds,
            _ => (double)e.Epoch,
        }).ToList();
        var y = run.Epochs.Select(e => metric switch
        {
            TrainingMetric.TrainLoss => e.TrainLoss,
            TrainingMetric.TrainAccuracy => e.TrainAccuracy,
            TrainingMetric.TestAccuracy => e.TestAccuracy,
            _ => e.TestLoss,
        }).ToList();
        return new ChartSeries(run.Name, x, y);
    }

    private static ChartSeries BatchLossSeries(TrainingRun run, TrainingAxis axis)
    {
        var window = Math.Max(1, (run.Updates.Count + MostBatchLossPoints - 1) / MostBatchLossPoints);
        var points = run.Updates.Chunk(window).Select(chunk => (
            X: axis switch
            {
                TrainingAxis.Epoch => chunk[^1].Update / (double)Math.Max(1, run.UpdatesPerEpoch),
                TrainingAxis.Seconds => chunk[^1].ElapsedSeconds,
                _ => chunk[^1].Update,
            },
            Y: chunk.Average(u => u.Loss))).ToList();
        return new ChartSeries(run.Name, points.Select(p => p.X).ToList(), points.Select(p => p.Y).ToList(), SeriesStyle.Lines);
    }

    /// <summary>The axis title of a metric, for example "test loss".</summary>
    internal static string MetricTitle(TrainingMetric metric) => metric switch
    {
        TrainingMetric.TrainLoss => "training loss",
        TrainingMetric.TrainAccuracy => "training accuracy",
        TrainingMetric.TestAccuracy => "test accuracy",
        TrainingMetric.BatchLoss => "batch loss",
        _ => "test loss",
    };

    /// <summary>The axis title of a training axis, for example "updates".</summary>
    internal static string AxisTitle(TrainingAxis axis) => axis switch
    {
        TrainingAxis.Update => "updates",
        TrainingAxis.Seconds => "training time (s)",
        _ => "epochs",
    };
}
