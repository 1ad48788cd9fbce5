namespace BatchLearning.Memory;

/// <summary>The outcome of <see cref="BatchSizeFinder"/>: the largest batch that fit, and every trial in order.</summary>
/// <param name="LargestBatchSize">The largest batch size that fit, 1 or more (the finder refuses when not even a batch of 1 fits).</param>
/// <param name="Trials">The attempts, in the order they ran (doubling first, then the binary search).</param>
public sealed record BatchSizeSearch(int LargestBatchSize, IReadOnlyList<BatchSizeTrial> Trials);
