namespace BatchLearning.Training;

/// <summary>How the learning rate follows the batch size (see <see cref="LearningRateScaling"/>).</summary>
public enum ScalingRule
{
    /// <summary>The same learning rate at every batch size.</summary>
    None,

    /// <summary>Goyal et al. 2017: k times the batch, k times the learning rate (with warm-up at large rates).</summary>
    Linear,

    /// <summary>Hoffer et al. 2017: k times the batch, sqrt(k) times the learning rate (keeps the gradient noise's variance).</summary>
    SquareRoot,
}
