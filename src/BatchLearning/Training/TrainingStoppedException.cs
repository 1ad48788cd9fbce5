namespace BatchLearning.Training;

/// <summary>Training stopped before its budget; <see cref="Run"/> keeps everything recorded up to then.</summary>
public class TrainingStoppedException : Exception
{
    /// <summary>An exception with a message and the partial run.</summary>
    public TrainingStoppedException(string message, TrainingRun run, Exception? inner = null)
        : base(message, inner) => Run = run;

    /// <summary>The updates and epochs recorded before training stopped.</summary>
    public TrainingRun Run { get; }
}
