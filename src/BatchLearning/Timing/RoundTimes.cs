namespace BatchLearning.Timing;

/// <summary>The raw timings of a <see cref="HeadToHead"/> comparison, one entry per round, in milliseconds per unit.</summary>
/// <param name="First">The first way's rounds.</param>
/// <param name="Second">The second way's rounds (as many as the first's).</param>
/// <param name="Reference">The reference task's rounds (empty when it was not timed).</param>
public sealed record RoundTimes(IReadOnlyList<double> First, IReadOnlyList<double> Second, IReadOnlyList<double> Reference);
