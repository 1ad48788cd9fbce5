namespace BatchLearning.Experiments;

/// <summary>What a steps-to-target search watches.</summary>
public enum TargetMetric
{
    /// <summary>Test loss, reached when at or below the target.</summary>
    TestLoss,

    /// <summary>Test accuracy, reached when at or above the target.</summary>
    TestAccuracy,

    /// <summary>Training loss, reached when at or below the target.</summary>
    TrainLoss,

    /// <summary>Training accuracy, reached when at or above the target.</summary>
    TrainAccuracy,
}
