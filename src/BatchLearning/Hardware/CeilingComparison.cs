namespace BatchLearning.Hardware;

/// <summary>Work timed in rounds interleaved with samples of the machine's ceiling (<see cref="CeilingBenchmark.Compare"/>).</summary>
/// <param name="Ceiling">The ceiling: the best of the samples taken between the work's timings.</param>
/// <param name="Points">One result per piece of work, in the order given.</param>
public sealed record CeilingComparison(MachineCeiling Ceiling, IReadOnlyList<TimedPoint> Points);
