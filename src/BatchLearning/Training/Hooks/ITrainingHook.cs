namespace BatchLearning.Training;

/// <summary>Something the training loop does after an update: evaluate, report progress.</summary>
internal interface ITrainingHook
{
    /// <summary>Runs after an update.</summary>
    /// <param name="position">The run's position, the update just recorded.</param>
    /// <param name="endsEpoch">True when the update ended an epoch or the budget (the end-of-epoch path); false for an update inside an epoch.</param>
    void AfterStep(TrainingPosition position, bool endsEpoch);
}
