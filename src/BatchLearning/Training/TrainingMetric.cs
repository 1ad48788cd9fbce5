namespace BatchLearning.Training;

/// <summary>What a training chart shows on its y axis.</summary>
public enum TrainingMetric
{
    /// <summary>Mean loss over the training set, at each end of epoch.</summary>
    TrainLoss,

    /// <summary>Mean loss over the test set, at each end of epoch.</summary>
    TestLoss,

    /// <summary>Share of training samples classified correctly, at each end of epoch.</summary>
    TrainAccuracy,

    /// <summary>Share of test samples classified correctly, at each end of epoch.</summary>
    TestAccuracy,

    /// <summary>The loss of each update's own batch (noisy; averaged over windows when a run has many updates).</summary>
    BatchLoss,
}
