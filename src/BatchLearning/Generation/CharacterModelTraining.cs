namespace BatchLearning.Generation;

/// <summary>How a <see cref="CharacterModel"/>'s training went.</summary>
/// <param name="Seconds">Wall-clock seconds spent training.</param>
/// <param name="Steps">Adam updates.</param>
/// <param name="FirstLoss">Cross-entropy of the first update (about ln of the vocabulary size for an untrained model).</param>
/// <param name="LastLoss">Cross-entropy of the last update.</param>
public sealed record CharacterModelTraining(double Seconds, int Steps, double FirstLoss, double LastLoss);
