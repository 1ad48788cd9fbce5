namespace BatchLearning.Training;

/// <summary>What the trainer reports after every update (through <see cref="IProgress{T}"/>).</summary>
/// <param name="Run">The run's name.</param>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Update">Updates made so far.</param>
/// <param name="TotalUpdates">Updates the budget allows in all.</param>
/// <param name="Loss">The last batch's loss.</param>
/// <param name="LearningRate">The last step's learning rate.</param>
/// <param name="ElapsedSeconds">Training time so far.</param>
/// <param name="LastEpoch">The latest end-of-epoch measurement, or null before the first.</param>
public sealed record TrainingProgress(string Run, int Epoch, int Update, int TotalUpdates, double Loss, double LearningRate, double ElapsedSeconds, EpochRecord? LastEpoch)
{
    /// <summary>The share of the budget done, from 0 to 1.</summary>
    public double Fraction => TotalUpdates == 0 ? 1 : Math.Min(1.0, (double)Update / TotalUpdates);

    /// <summary>True once the last update of the budget is done.</summary>
    public bool IsComplete => Update >= TotalUpdates;
}
