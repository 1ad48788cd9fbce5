using BatchLearning.Training;

namespace BatchLearning.Experiments;

/// <summary>One run of a grid: its settings, its records, and whether it diverged (loss NaN or infinite, so it stopped early).</summary>
/// <param name="BatchSize">Samples per update.</param>
/// <param name="LearningRate">The base learning rate (before batch-size scaling).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Run">Everything recorded; for a diverged run, what was recorded before it stopped.</param>
/// <param name="Diverged">True when the loss became NaN or infinite.</param>
public sealed record GridRun(int BatchSize, double LearningRate, long Seed, TrainingRun Run, bool Diverged)
{
    /// <summary>The learning rate actually used (after batch-size scaling, before any schedule).</summary>
    public double EffectiveLearningRate => Run.Options.Optimizer.LearningRate * (Run.Options.Scaling?.Factor(BatchSize) ?? 1);

    /// <summary>Final training accuracy (NaN when diverged or none measured).</summary>
    public double TrainAccuracy => Diverged ? double.NaN : Run.Final?.TrainAccuracy ?? double.NaN;

    /// <summary>Final test accuracy (NaN when diverged or none measured).</summary>
    public double TestAccuracy => Diverged ? double.NaN : Run.Final?.TestAccuracy ?? double.NaN;

    /// <summary>Final training loss (NaN when diverged).</summary>
    public double TrainLoss => Diverged ? double.NaN : Run.Final?.TrainLoss ?? double.NaN;

    /// <summary>Final test loss (NaN when diverged).</summary>
    public double TestLoss => Diverged ? double.NaN : Run.Final?.TestLoss ?? double.NaN;

    /// <summary>The generalisation gap: training accuracy minus test accuracy.</summary>
    public double AccuracyGap => TrainAccuracy - TestAccuracy;

    /// <summary>Updates made.</summary>
    public int Updates => Run.Updates.Count;
}
