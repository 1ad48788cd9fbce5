namespace BatchLearning.Generation;

/// <summary>A request generated alone (batch of one): the reference every batching policy must reproduce.</summary>
/// <param name="Tokens">The generated token ids.</param>
/// <param name="Margins">At each step, the best score minus the second best (a near-zero margin is a near tie).</param>
public sealed record GeneratedAlone(IReadOnlyList<int> Tokens, IReadOnlyList<double> Margins);
