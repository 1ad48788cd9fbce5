namespace BatchLearning.Training;

/// <summary>Training was cancelled (between two batches); <see cref="TrainingStoppedException.Run"/> keeps what was recorded.</summary>
public sealed class TrainingCancelledException : TrainingStoppedException
{
    /// <summary>The exception for a run cancelled after <paramref name="run"/>'s last update.</summary>
    public TrainingCancelledException(TrainingRun run, OperationCanceledException cause)
        : base($"Training was cancelled after update {run.Updates.Count}; the updates and epochs recorded so far are kept in Run.", run, cause)
    {
    }
}
