namespace BatchLearning.Training;

/// <summary>What a training chart shows on its x axis: how far training has gone, in one of three currencies.</summary>
public enum TrainingAxis
{
    /// <summary>Passes over the training set.</summary>
    Epoch,

    /// <summary>Optimizer steps.</summary>
    Update,

    /// <summary>Training time in seconds (evaluation excluded).</summary>
    Seconds,
}
