namespace BatchLearning.Training;

/// <summary>One optimizer step: the loss of the batch it was computed from (before the step) and the settings it used.</summary>
/// <param name="Update">The step's number, from 1.</param>
/// <param name="Epoch">The epoch it belongs to, from 1.</param>
/// <param name="BatchSize">Samples in the batch (smaller for a kept last batch).</param>
/// <param name="LearningRate">The learning rate of the step.</param>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="ElapsedSeconds">Training time since the start of the run (evaluation excluded) when the step finished.</param>
public sealed record UpdateRecord(int Update, int Epoch, int BatchSize, double LearningRate, double Loss, double ElapsedSeconds);
