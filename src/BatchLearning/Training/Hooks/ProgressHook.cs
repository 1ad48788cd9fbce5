namespace BatchLearning.Training;

/// <summary>Reports the run's progress after every update, with the last epoch's record once there is one.</summary>
internal sealed class ProgressHook(IProgress<TrainingProgress>? progress, TrainingOptions options, int totalUpdates) : ITrainingHook
{
    /// <inheritdoc/>
    public void AfterStep(TrainingPosition position, bool endsEpoch)
    {
        if (progress is null || position.Updates.Count == 0)
        {
            return;
        }

        var last = position.Updates[^1];
        progress.Report(new TrainingProgress(options.RunName, position.Epoch, position.Update, totalUpdates, last.Loss, last.LearningRate, position.ElapsedSeconds,
            position.Epochs.Count == 0 ? null : position.Epochs[^1]));
    }
}
