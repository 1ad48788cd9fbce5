namespace BatchLearning.Training;

/// <summary>
/// Logs the gradient noise scale during training with the two-batch estimator (McCandlish et al. 2018, appendix A): every
/// <see cref="EveryUpdates"/> updates the trainer also measures the gradient of a bigger batch of <see cref="BigBatchSize"/> samples at the same
/// weights and records both squared norms (see <see cref="Gradients.NoiseScaleSample"/>). The extra pass changes no weights, but costs time.
/// </summary>
/// <param name="EveryUpdates">How often to log, at least 1.</param>
/// <param name="BigBatchSize">The big batch, larger than the training batch and at most the training-set size.</param>
public sealed record NoiseScaleOptions(int EveryUpdates, int BigBatchSize);
