namespace BatchLearning.Inference;

/// <summary>What doubling the batch size bought at one step of a profile.</summary>
/// <param name="BatchSize">The batch size reached by the doubling.</param>
/// <param name="ItemsPerSecond">Its throughput.</param>
/// <param name="GainFromDoubling">Its throughput over the previous size's (below 1: the doubling was slower).</param>
/// <param name="ShareOfBest">Its throughput over the profile's highest.</param>
public sealed record DoublingGain(int BatchSize, double ItemsPerSecond, double GainFromDoubling, double ShareOfBest);
