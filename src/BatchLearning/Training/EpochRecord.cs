namespace BatchLearning.Training;

/// <summary>
/// The end of one epoch (or of the budget, part-way through one): loss and accuracy on the whole training and test sets,
/// measured in evaluation mode, and how fast the epoch trained.
/// </summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Updates">Updates made since the start of the run.</param>
/// <param name="TrainLoss">Mean loss over the training set.</param>
/// <param name="TrainAccuracy">Share of training samples classified correctly (NaN for numeric targets).</param>
/// <param name="TestLoss">Mean loss over the test set (NaN without a test set).</param>
/// <param name="TestAccuracy">Share of test samples classified correctly (NaN without a test set or for numeric targets).</param>
/// <param name="SamplesPerSecond">Training samples processed per second in this epoch (evaluation excluded).</param>
/// <param name="Seconds">Training time of this epoch (evaluation excluded).</param>
/// <param name="ElapsedSeconds">Training time since the start of the run.</param>
public sealed record EpochRecord(
    int Epoch,
    int Updates,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double SamplesPerSecond,
    double Seconds,
    double ElapsedSeconds);
