namespace BatchLearning.Training;

/// <summary>Where and how often the trainer saves a checkpoint it can resume from (see <see cref="TrainingSession.Resume"/>).</summary>
/// <param name="Directory">The checkpoint folder; created when missing. One run per folder.</param>
/// <param name="EveryUpdates">Save after every this many updates, at least 1; a checkpoint is also saved at the end of the run.</param>
public sealed record CheckpointOptions(string Directory, int EveryUpdates)
{
    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">The folder is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="EveryUpdates"/> is below 1.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("Give the checkpoint folder.", nameof(Directory));
        }

        if (EveryUpdates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EveryUpdates), EveryUpdates, $"EveryUpdates must be at least 1; got {EveryUpdates.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }
}
