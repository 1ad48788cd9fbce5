using BatchLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace BatchLearning.Hardware;

/// <summary>
/// Measures this machine's matrix-product speed through libtorch: the ceiling the course compares model throughput with,
/// and the gain from one batched call over many small ones.
/// </summary>
public static class MatrixProductBenchmark
{
    /// <summary>Times n x n products on the chosen device: one warm-up, then the median of <paramref name="repetitions"/>.</summary>
    /// <param name="size">n, from 1 to 8192.</param>
    /// <param name="repetitions">Timed products, from 1 to 1000; defaults to 5.</param>
    public static MatrixProductMeasurement Measure(int size, int repetitions = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 8192);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repetitions, 1000);
        var device = TorchRuntime.Device;
        using var scope = NewDisposeScope();
        var a = randn(size, size, device: device);
        var b = randn(size, size, device: device);
        var median = DeviceTimer.MedianMilliseconds(repetitions, () => a.matmul(b));
        var flops = 2.0 * size * size * size;
        return new MatrixProductMeasurement(size, repetitions, median, flops / (median / 1000.0) / 1e9);
    }

    /// <summary>
    /// Multiplies <paramref name="count"/> pairs of n x n matrices one call at a time, then all at once with one batched call
    /// (<c>bmm</c>), and reports both times and that the results agree.
    /// </summary>
    /// <param name="count">Pairs of matrices, from 1 to 100,000.</param>
    /// <param name="size">n, from 1 to 1024.</param>
    /// <param name="repetitions">Timed rounds, from 1 to 100; defaults to 5.</param>
    public static BatchedProductComparison CompareBatched(int count, int size, int repetitions = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(repetitions, 100);
        var device = TorchRuntime.Device;
        using var scope = NewDisposeScope();
        var a = randn(count, size, size, device: device);
        var b = randn(count, size, size, device: device);
        var oneByOne = DeviceTimer.MedianMilliseconds(repetitions, () => stack(Enumerable.Range(0, count).Select(i => a[i].matmul(b[i]))));
        var batched = DeviceTimer.MedianMilliseconds(repetitions, () => a.bmm(b));
        var difference = (stack(Enumerable.Range(0, count).Select(i => a[i].matmul(b[i]))) - a.bmm(b)).abs().max().item<float>();
        return new BatchedProductComparison(count, size, oneByOne, batched, oneByOne / batched, difference);
    }
}
