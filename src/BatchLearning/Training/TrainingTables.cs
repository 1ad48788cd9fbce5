using BatchLearning.Tables;
using Microsoft.Data.Analysis;

namespace BatchLearning.Training;

/// <summary>Training runs as DataFrames: one row per run, or one row per run and epoch.</summary>
public static class TrainingTables
{
    /// <summary>One <see cref="RunSummary"/> per run.</summary>
    public static IReadOnlyList<RunSummary> Summarize(this IEnumerable<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Select(run =>
        {
            var final = run.Final;
            return new RunSummary(
                run.Name,
                run.Options.BatchSize,
                run.Epochs.Count,
                run.Updates.Count,
                run.UpdatesPerEpoch,
                run.SamplesPerSecond,
                run.Epochs.Count == 0 ? double.NaN : run.TrainingSeconds / run.Epochs.Count,
                final?.TrainLoss ?? double.NaN,
                final?.TestLoss ?? double.NaN,
                final?.TestAccuracy ?? double.NaN);
        }).ToList();
    }

    /// <summary>One row per run and epoch, with the run's name first: sort, filter or pivot it in the notebook.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<TrainingRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.SelectMany(run => run.Epochs.Select(e => new EpochRow(
            run.Name, run.Options.BatchSize, e.Epoch, e.Updates, e.TrainLoss, e.TrainAccuracy, e.TestLoss, e.TestAccuracy, e.SamplesPerSecond, e.Seconds, e.ElapsedSeconds)))
            .ToDataFrame();
    }

    private sealed record EpochRow(
        string Run, int BatchSize, int Epoch, int Updates, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy,
        double SamplesPerSecond, double Seconds, double ElapsedSeconds);
}
