using BatchLearning.Runtime;
using BatchLearning.Timing;
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
    /// Times n x n products at each of <paramref name="sizes"/> interleaved with the machine's ceiling (<see cref="CeilingBenchmark.Compare"/>):
    /// <paramref name="rounds"/> rounds, at least <paramref name="secondsPerPoint"/> of products per size, the median round per size and the best ceiling sample.
    /// </summary>
    /// <param name="sizes">Sizes n, each from 1 to 4,096.</param>
    /// <param name="rounds">Rounds, from 1 to 100; defaults to 5.</param>
    /// <param name="secondsPerPoint">Timed seconds per size over all rounds, from 0.001 to 60; defaults to 0.2.</param>
    public static MatrixProductProfile MeasureAgainstCeiling(IEnumerable<int> sizes, int rounds = 5, double secondsPerPoint = 0.2)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var list = sizes.ToList();
        if (list.Count == 0 || list.Any(n => n is < 1 or > 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(sizes), string.Join(", ", list), "Give at least one size, each from 1 to 4,096.");
        }

        var device = TorchRuntime.Device;
        var tensors = list.Select(n => (A: randn(n, n, device: device), B: randn(n, n, device: device))).ToList();
        try
        {
            var work = list.Select((n, i) => new TimedWork($"n = {n}", 2.0 * n * n * n, () => tensors[i].A.matmul(tensors[i].B))).ToList();
            var comparison = CeilingBenchmark.Compare(work, rounds, secondsPerPoint);
            var points = list.Zip(comparison.Points, (n, p) => new MatrixProductMeasurement(n, (int)Math.Min(p.Calls, int.MaxValue), p.MillisecondsPerCall, p.GigaflopsPerSecond, p.ShareOfCeiling)).ToList();
            return new MatrixProductProfile(comparison.Ceiling, points);
        }
        finally
        {
            foreach (var (a, b) in tensors)
            {
                a.Dispose();
                b.Dispose();
            }
        }
    }

    /// <summary>
    /// Multiplies <paramref name="count"/> pairs of n x n matrices one call at a time, then all at once with one batched call
    /// (<c>bmm</c>), and reports both times and that the results agree.
    /// </summary>
    /// <param name="count">Pairs of matrices, from 1 to 100,000.</param>
    /// <param name="size">n, from 1 to 1024.</param>
    /// <param name="repetitions">
    /// Interleaved rounds (<see cref="HeadToHead"/>), from 1 to 100; defaults to 15; each round times each way for at least 30 ms.
    /// A verdict needs at least 6 (fewer are always too close to call).
    /// </param>
    public static BatchedProductComparison CompareBatched(int count, int size, int repetitions = 15)
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
        // The two ways alternate in rounds (HeadToHead), each round at least 0.1 s / repetitions of each, on libtorch's current threads.
        // Rounds of at least 30 ms per way: a round of a few milliseconds is decided by whichever way another program's burst happens to hit.
        var options = new HeadToHeadOptions { Rounds = repetitions, TorchThreads = null, MinimumSecondsPerRound = 0.03 };
        var timed = HeadToHead.Run(new ComparedWay("one by one", count, () => stack(Enumerable.Range(0, count).Select(i => a[i].matmul(b[i])))),
            new ComparedWay("batched", count, () => a.bmm(b)), options);
        var (oneByOne, batched) = (timed.FirstMilliseconds * count, timed.SecondMilliseconds * count);
        var difference = (stack(Enumerable.Range(0, count).Select(i => a[i].matmul(b[i]))) - a.bmm(b)).abs().max().item<float>();
        return new BatchedProductComparison(count, size, oneByOne, batched, timed.MedianRatio, difference, timed);
    }
}
