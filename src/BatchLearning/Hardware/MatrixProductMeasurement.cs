namespace BatchLearning.Hardware;

/// <summary>The measured speed of one square matrix product size on the current device.</summary>
/// <param name="Size">n, for an n x n by n x n product (2n^3 floating-point operations).</param>
/// <param name="Repetitions">How many timed products the median is taken over.</param>
/// <param name="MedianMilliseconds">The median time of one product.</param>
/// <param name="GigaflopsPerSecond">2n^3 / median time, in 10^9 floating-point operations per second.</param>
/// <param name="ShareOfCeiling">GigaflopsPerSecond over the ceiling measured interleaved with it (<see cref="MatrixProductBenchmark.MeasureAgainstCeiling"/>); NaN otherwise.</param>
public sealed record MatrixProductMeasurement(int Size, int Repetitions, double MedianMilliseconds, double GigaflopsPerSecond, double ShareOfCeiling = double.NaN);
