namespace BatchLearning.Experiments;

/// <summary>One (batch size, learning rate) cell of a grid, over its seeds: means with 95% confidence intervals of the runs that did not diverge.</summary>
/// <param name="BatchSize">Samples per update.</param>
/// <param name="LearningRate">The base learning rate.</param>
/// <param name="EffectiveLearningRate">The rate after batch-size scaling.</param>
/// <param name="Runs">Seeds run.</param>
/// <param name="Diverged">Runs whose loss became NaN or infinite.</param>
/// <param name="TestLoss">Mean final test loss (NaN when fewer than 2 runs finished).</param>
/// <param name="TestLossHalfWidth">Its 95% half-width.</param>
/// <param name="TestAccuracy">Mean final test accuracy.</param>
/// <param name="TestAccuracyHalfWidth">Its 95% half-width.</param>
/// <param name="AccuracyGap">Mean training accuracy minus test accuracy.</param>
/// <param name="AccuracyGapHalfWidth">Its 95% half-width.</param>
public sealed record GridCell(
    int BatchSize,
    double LearningRate,
    double EffectiveLearningRate,
    int Runs,
    int Diverged,
    double TestLoss,
    double TestLossHalfWidth,
    double TestAccuracy,
    double TestAccuracyHalfWidth,
    double AccuracyGap,
    double AccuracyGapHalfWidth);
