namespace BatchLearning.Training;

/// <summary>
/// Loss and accuracy on the whole training and test sets at one point of a run: after every <see cref="TrainingOptions.EvaluateEveryUpdates"/>
/// updates when set, and at every end of epoch.
/// </summary>
/// <param name="Update">Updates made when it was measured.</param>
/// <param name="Epoch">The epoch in progress (or just finished).</param>
/// <param name="TrainLoss">Mean loss over the training set.</param>
/// <param name="TrainAccuracy">Share of training samples classified correctly (NaN for numeric targets).</param>
/// <param name="TestLoss">Mean loss over the test set (NaN without one).</param>
/// <param name="TestAccuracy">Share of test samples classified correctly (NaN without a test set or for numeric targets).</param>
/// <param name="ElapsedSeconds">Training time so far (evaluation excluded).</param>
public sealed record EvaluationRecord(int Update, int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double ElapsedSeconds);
