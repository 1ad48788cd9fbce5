namespace BatchLearning.Hardware;

/// <summary>Square matrix products of several sizes timed interleaved with the machine's ceiling (<see cref="MatrixProductBenchmark.MeasureAgainstCeiling"/>).</summary>
/// <param name="Ceiling">The ceiling sampled between the products' timings.</param>
/// <param name="Points">One measurement per size, in the order given, each with its share of the ceiling.</param>
public sealed record MatrixProductProfile(MachineCeiling Ceiling, IReadOnlyList<MatrixProductMeasurement> Points);
