using System.Globalization;
using BatchLearning.Charts;
using BatchLearning.Tables;
using BatchLearning.Training;
using Microsoft.Data.Analysis;

namespace BatchLearning.Experiments;

/// <summary>The runs of an experiment grid, as tidy tables (one row per run; one per cell with confidence intervals) and charts.</summary>
/// <param name="Runs">Every run, in grid order (batch size, then learning rate, then seed).</param>
public sealed record GridResults(IReadOnlyList<GridRun> Runs)
{
    /// <summary>One row per run: settings, whether it diverged, final losses and accuracies, the gap, updates, seconds.</summary>
    public DataFrame ToDataFrame() => Runs.Select(r => new
    {
        r.BatchSize,
        r.LearningRate,
        r.EffectiveLearningRate,
        r.Seed,
        r.Diverged,
        r.Updates,
        r.TrainLoss,
        r.TestLoss,
        r.TrainAccuracy,
        r.TestAccuracy,
        r.AccuracyGap,
        TrainingSeconds = r.Run.TrainingSeconds,
    }).ToDataFrame();

    /// <summary>One <see cref="GridCell"/> per (batch size, learning rate), over seeds.</summary>
    /// <exception cref="InvalidOperationException">A cell has fewer than 2 seeds, so no interval can be computed.</exception>
    public IReadOnlyList<GridCell> Cells()
    {
        return Runs.GroupBy(r => (r.BatchSize, r.LearningRate)).Select(group =>
        {
            var runs = group.ToList();
            if (runs.Count < 2)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Cell batch {group.Key.BatchSize}, learning rate {group.Key.LearningRate} has {runs.Count} run; confidence intervals need at least 2 seeds per cell. Add seeds to GridOptions.Seeds."));
            }

            var finished = runs.Where(r => !r.Diverged).ToList();
            (double Mean, double Half) Interval(Func<GridRun, double> value)
            {
                if (finished.Count < 2 || !finished.All(r => double.IsFinite(value(r))))
                {
                    return (double.NaN, double.NaN);
                }

                var interval = ConfidenceInterval.Of(finished.Select(value));
                return (interval.Mean, interval.HalfWidth);
            }

            var loss = Interval(r => r.TestLoss);
            var accuracy = Interval(r => r.TestAccuracy);
            var gap = Interval(r => r.AccuracyGap);
            return new GridCell(group.Key.BatchSize, group.Key.LearningRate, runs[0].EffectiveLearningRate, runs.Count, runs.Count - finished.Count,
                loss.Mean, loss.Half, accuracy.Mean, accuracy.Half, gap.Mean, gap.Half);
        }).ToList();
    }

    /// <summary>
    /// Curves of a metric against epochs, updates or seconds: one line per cell, the mean over seeds, with a shaded 95% band.
    /// Runs of a cell are averaged evaluation by evaluation (they share the same schedule of evaluations); diverged runs are left out.
    /// </summary>
    public Chart ToCurvesChart(TrainingMetric metric = TrainingMetric.TestLoss, TrainingAxis axis = TrainingAxis.Epoch, bool logarithmicX = false)
    {
        var series = Runs.Where(r => !r.Diverged).GroupBy(r => (r.BatchSize, r.LearningRate)).Select(group =>
        {
            var runs = group.ToList();
            var length = runs.Min(r => r.Run.Evaluations.Count);
            var x = Enumerable.Range(0, length).Select(i => axis switch
            {
                TrainingAxis.Update => runs[0].Run.Evaluations[i].Update,
                TrainingAxis.Seconds => runs.Average(r => r.Run.Evaluations[i].ElapsedSeconds),
                _ => runs[0].Run.Evaluations[i].Update / (double)Math.Max(1, runs[0].Run.UpdatesPerEpoch),
            }).ToList();
            // A point no run measured (a test metric without a test set) stays blank rather than failing the chart.
            var intervals = Enumerable.Range(0, length).Select(i => runs.Select(r => Value(r.Run.Evaluations[i], metric)).ToList())
                .Select(Band).ToList();
            var name = Runs.Select(r => r.LearningRate).Distinct().Count() > 1
                ? string.Create(CultureInfo.InvariantCulture, $"batch {group.Key.BatchSize}, lr {group.Key.LearningRate:G3}")
                : string.Create(CultureInfo.InvariantCulture, $"batch {group.Key.BatchSize}");
            return new ChartSeries(name, x, intervals.Select(c => c.Mean).ToList(), SeriesStyle.LinesWithBand, intervals.Select(c => c.HalfWidth).ToList());
        }).ToArray();
        var title = $"{TrainingCharts.MetricTitle(metric)}: mean over {Runs.Select(r => r.Seed).Distinct().Count()} seeds with 95% band";
        return Chart.Of(title, new Axis(TrainingCharts.AxisTitle(axis), logarithmicX), new Axis(TrainingCharts.MetricTitle(metric)), series);
    }

    /// <summary>A heat map of a final metric (mean over seeds) over batch size and learning rate; diverged cells are blank.</summary>
    public Chart ToHeatMap(TrainingMetric metric = TrainingMetric.TestLoss)
    {
        var cells = Runs.GroupBy(r => (r.BatchSize, r.LearningRate)).Select(group =>
        {
            var finished = group.Where(r => !r.Diverged).ToList();
            var value = finished.Count == 0 ? double.NaN : finished.Average(r => metric switch
            {
                TrainingMetric.TrainLoss => r.TrainLoss,
                TrainingMetric.TrainAccuracy => r.TrainAccuracy,
                TrainingMetric.TestAccuracy => r.TestAccuracy,
                _ => r.TestLoss,
            });
            return (X: (double)group.Key.BatchSize, Y: group.Key.LearningRate, Z: value);
        }).ToList();
        return Chart.Of($"Final {TrainingCharts.MetricTitle(metric)} over batch size and learning rate (blank: diverged)",
            new Axis("batch size", Logarithmic: true), new Axis("learning rate", Logarithmic: true),
            new ChartSeries(TrainingCharts.MetricTitle(metric), cells.Select(c => c.X).ToList(), cells.Select(c => c.Y).ToList(), SeriesStyle.HeatMap, Z: cells.Select(c => c.Z).ToList()));
    }

    private static (double Mean, double HalfWidth) Band(List<double> values)
    {
        if (!values.All(double.IsFinite))
        {
            return (double.NaN, double.NaN);
        }

        if (values.Count < 2)
        {
            return (values[0], 0);
        }

        var interval = ConfidenceInterval.Of(values);
        return (interval.Mean, interval.HalfWidth);
    }

    private static double Value(EvaluationRecord evaluation, TrainingMetric metric) => metric switch
    {
        TrainingMetric.TrainLoss => evaluation.TrainLoss,
        TrainingMetric.TrainAccuracy => evaluation.TrainAccuracy,
        TrainingMetric.TestAccuracy => evaluation.TestAccuracy,
        _ => evaluation.TestLoss,
    };
}
