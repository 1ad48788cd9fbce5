namespace BatchLearning.Training;

/// <summary>The optimisers the trainer can build.</summary>
public enum OptimizerKind
{
    /// <summary>Plain stochastic gradient descent: w -= learning rate x gradient.</summary>
    Sgd,

    /// <summary>SGD with (heavy-ball) momentum: a running sum of past gradients smooths the steps.</summary>
    SgdWithMomentum,

    /// <summary>Adam: per-weight step sizes from running means of the gradient and its square.</summary>
    Adam,
}
