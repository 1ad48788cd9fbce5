namespace BatchLearning.Memory;

/// <summary>One attempt of the batch-size finder.</summary>
/// <param name="BatchSize">The batch size tried.</param>
/// <param name="Fits">Whether it trained within the limit.</param>
/// <param name="Detail">What was measured, or the out-of-memory error that was caught.</param>
public sealed record BatchSizeTrial(int BatchSize, bool Fits, string Detail);
